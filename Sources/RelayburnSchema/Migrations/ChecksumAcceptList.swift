/// `templates/migrations.accept`: intentional edits of applied migrations, accepted on every store by every binary
/// built with the entry, with no command to run per database.
///
/// One entry per line, `VERSION OLD_CHECKSUM reason="why"`: a store whose `schema_versions` row for VERSION
/// records OLD_CHECKSUM (the full 64-digit value `migrate status --json` prints) accepts this binary's file for that
/// version. `#` starts a comment line. The first binary to accept an entry on a store keeps the old and new
/// checksums and the reason in `schema_checksum_audit`.
public struct ChecksumAcceptList: Sendable, Equatable {
    /// One accepted edit.
    public struct Entry: Sendable, Equatable {
        public let version: Int
        /// The checksum stores recorded before the edit.
        public let oldChecksum: String
        public let reason: String
        /// Where the entry is, for messages.
        public let location: SourceLocation
    }

    /// The path the catalog reads it from.
    public static let path = "templates/migrations.accept"

    public let entries: [Entry]

    /// An empty list.
    public init() { entries = [] }

    /// Parses the file.
    /// - Throws: `MigrationError.invalidDeclaration` naming file:line for a malformed or repeated entry.
    public init(source: TemplateSource) throws {
        var entries: [Entry] = []
        for (offset, rawLine) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let location = SourceLocation(file: source.path, line: offset + 1, column: 1)
            func malformed(_ problem: String) -> MigrationError {
                MigrationError.invalidDeclaration(
                    path: source.path, line: offset + 1,
                    detail: "\(problem); write VERSION OLD_CHECKSUM reason=\"why\" (the checksum as "
                        + "`relayburn migrate status --json` prints it)")
            }
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard fields.count == 3, let version = Int(fields[0]), version >= 1 else {
                throw malformed("expected a version, a checksum and a reason")
            }
            let checksum = String(fields[1])
            guard checksum.count == 64, checksum.utf8.allSatisfy(Self.isLowerHex) else {
                throw malformed("'\(checksum)' is not a 64-digit lowercase hex SHA-256")
            }
            let reasonField = fields[2].trimmingCharacters()
            guard reasonField.hasPrefix("reason=\""), reasonField.hasSuffix("\""), reasonField.count > 9 else {
                throw malformed("the reason must be written reason=\"…\" and must not be empty")
            }
            let reason = String(reasonField.dropFirst(8).dropLast())
            if entries.contains(where: { $0.version == version && $0.oldChecksum == checksum }) {
                throw malformed("version \(version) with this checksum is listed twice")
            }
            entries.append(Entry(version: version, oldChecksum: checksum, reason: reason, location: location))
        }
        self.entries = entries
    }

    /// The entry accepting `recorded` for `version`, if any.
    public func entry(version: Int, recorded: String) -> Entry? {
        entries.first { $0.version == version && $0.oldChecksum == recorded }
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
