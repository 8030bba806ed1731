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
    /// What older binaries may do with a store that has this migration (its `-- relayburn: compat=` line).
    public let compat: MigrationCompatibility
    /// How the runner executes it (its `-- relayburn: no-transaction` line or `backfill` marker).
    public let kind: MigrationKind
    /// The part run in the migration's transaction: the whole file, or everything above a backfill marker (the
    /// rest blanked, so locations stay exact).
    public let ddlSource: TemplateSource
    /// The batched section below a `-- relayburn: backfill` marker.
    public let backfill: BackfillSection?

    /// Builds a migration from a file, validating its name.
    ///
    /// - Throws: `MigrationError.invalidFileName` when the file is not named `NNNN_snake_name.sql`,
    ///   `invalidDeclaration` for a malformed `-- relayburn:` line.
    public init(source: TemplateSource) throws {
        guard let parsed = Migration.parseFileName(source.path) else {
            throw MigrationError.invalidFileName(path: source.path)
        }
        self.version = parsed.version
        self.name = parsed.name
        self.source = source
        self.checksum = Checksum.of(templateText: source.text)
        let directives = try MigrationDirectives.parse(source)
        self.compat = directives.compat
        guard let marker = directives.backfillLine else {
            self.kind = directives.noTransaction ? .noTransaction : .transactional
            self.ddlSource = source
            self.backfill = nil
            return
        }
        self.kind = .backfill
        let scalars = Array(source.text.unicodeScalars)
        let split = MigrationText.offset(ofLine: marker, in: scalars)
        self.ddlSource = MigrationText.keeping(0..<split, of: scalars, path: source.path)
        let section = MigrationText.keeping(split..<scalars.count, of: scalars, path: source.path)
        let statements = MigrationText.statements(of: section)
        guard statements.count == 2 else {
            throw MigrationError.invalidDeclaration(
                path: source.path, line: marker,
                detail:
                    "a backfill section holds two statements, the batch's last key and size "
                    + "(SELECT max(key), count(*) … "
                    + "WHERE key > :after ORDER BY key LIMIT :batch_size) and the fill (UPDATE … WHERE key > :after "
                    + "AND key <= :last); this one holds \(statements.count)")
        }
        self.backfill = BackfillSection(
            boundSource: statements[0], fillSource: statements[1], batchSize: directives.batchSize, line: marker)
    }

    /// The statements of a no-transaction migration, each sent on its own (blanked copies of the file).
    public var separateStatements: [TemplateSource] { MigrationText.statements(of: source) }

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
    ///
    /// Works on UTF-8 bytes (every accepted character is ASCII): the embedded catalog parses every file name on
    /// each command's start-up.
    static func parseFileName(_ path: String) -> (version: Int, name: String)? {
        let bytes = Array(path.utf8)
        let fileName = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last ?? bytes[...]
        guard fileName.count > 4, fileName.suffix(4).elementsEqual(".sql".utf8) else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, digits.allSatisfy(Self.isASCIIDigit),
            let first = name.first, Self.isLowercaseASCIILetter(first),
            name.allSatisfy({ Self.isLowercaseASCIILetter($0) || Self.isASCIIDigit($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        let version = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard version > 0 else { return nil }
        return (version, String(decoding: name, as: UTF8.self))
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLowercaseASCIILetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }
}
