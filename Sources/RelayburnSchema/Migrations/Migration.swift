/// One versioned file under `migrations/`, as compiled into the binary.
public struct Migration: Sendable, Equatable {
    /// The number in the file name (`0003_x.sql` is version 3).
    public let version: Int
    /// The snake-case name after the number (`tool_result_output_size`).
    public let name: String
    /// The template text and its repository-relative path.
    public let source: TemplateSource
    /// SHA-256 of the template text with line endings normalised; one value for both dialects.
    public let checksum: String

    /// Builds a migration from a file, validating its name.
    ///
    /// - Throws: `MigrationError.invalidFileName` when the file is not named `NNNN_snake_name.sql`.
    public init(source: TemplateSource) throws {
        guard let parsed = Migration.parseFileName(source.path) else {
            throw MigrationError.invalidFileName(path: source.path)
        }
        self.version = parsed.version
        self.name = parsed.name
        self.source = source
        self.checksum = Checksum.of(templateText: source.text)
    }

    /// `0003_tool_result_output_size`: the label used in every message and listing.
    public var label: String { Migration.label(version: version, name: name) }

    /// `0003_tool_result_output_size` for any version and name, e.g. of a recorded row.
    public static func label(version: Int, name: String) -> String { "\(paddedVersion(version))_\(name)" }

    /// The version as four digits, as in file names.
    public static func paddedVersion(_ version: Int) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Parses `migrations/NNNN_snake_name.sql`; `nil` for anything else.
    static func parseFileName(_ path: String) -> (version: Int, name: String)? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
            let version = Int(parts[0]), version > 0,
            let first = parts[1].first, first.isLowercaseASCIILetter,
            parts[1].allSatisfy({ $0.isLowercaseASCIILetter || $0.isASCIIDigit || $0 == "_" })
        else { return nil }
        return (version, String(parts[1]))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isLowercaseASCIILetter: Bool { ("a"..."z").contains(self) }
}
