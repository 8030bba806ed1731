import Foundation
import RelayburnSchema
import Testing

/// The SQL compiled into the binary is exactly the files on disk, and the committed schema files are exactly
/// what `schema dump` renders.
@Suite struct EmbeddedSQLTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file under `migrations/` and `templates/`, hidden ones included, ordered by the Unicode scalars of
    /// their paths: what RelayburnEmbedSQL embeds, listed independently of it.
    static func filesOnDisk() throws -> [(path: String, bytes: Data)] {
        var files: [(path: String, bytes: Data)] = []
        for top in ["migrations", "templates"] {
            let base = root.appendingPathComponent(top)
            guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in enumerator {
                var isDirectory: ObjCBool = false
                let full = base.appendingPathComponent(relative).path
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                let bytes = try #require(FileManager.default.contents(atPath: full), "cannot read \(full)")
                files.append(("\(top)/\(relative)", bytes))
            }
        }
        return files.sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
    }

    /// The generated `EmbeddedSQL.swift` lives in the build folder, so this catches a generator bug (an escape
    /// that changes the text, a file left out, an unstable order) or a build that did not regenerate it; it
    /// compares UTF-8 bytes because `String ==` would accept a canonically equivalent but different text.
    @Test func embeddedCopyIsTheFilesOnDiskInPathOrder() throws {
        let disk = try Self.filesOnDisk()
        let embedded = SchemaCatalog.embeddedFiles
        let rebuild = "the EmbedSQLPlugin output is stale or wrong (see Plugins/EmbedSQLPlugin/plugin.swift)"
        #expect(embedded.map(\.path) == disk.map(\.path), "\(rebuild)")
        for (copy, file) in zip(embedded, disk) where copy.path == file.path {
            #expect(
                Array(copy.text.utf8) == Array(file.bytes), "\(copy.path) differs from its embedded copy: \(rebuild)")
        }
    }

    @Test(arguments: SQLDialect.allCases)
    func committedSchemaFileMatchesTheDump(dialect: SQLDialect) throws {
        let path = Self.root.appendingPathComponent("schema/\(dialect.rawValue).sql").path
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        let dump = try SchemaCatalog.embedded.dump(for: dialect)
        #expect(
            committed == dump,
            "schema/\(dialect.rawValue).sql is stale: run relayburn schema dump --dialect \(dialect.rawValue) > \(path)"
        )
    }

    @Test func everyStatementTemplateRendersForBothDialects() throws {
        let catalog = SchemaCatalog.embedded
        for name in catalog.statements.keys.sorted() {
            for dialect in SQLDialect.allCases {
                _ = try catalog.statement(name, for: dialect)
            }
        }
        for migration in catalog.migrations {
            for dialect in SQLDialect.allCases { _ = try catalog.render(migration, for: dialect) }
        }
    }
}
