import Foundation
import RelayburnSchema
import Testing

/// The SQL compiled into the binary is exactly the files on disk, and the committed schema files are exactly
/// what `schema dump` renders.
@Suite struct EmbeddedSQLTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func filesOnDisk() throws -> [TemplateSource] {
        var files: [TemplateSource] = []
        for top in ["migrations", "templates"] {
            let base = root.appendingPathComponent(top)
            guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in enumerator {
                var isDirectory: ObjCBool = false
                let full = base.appendingPathComponent(relative).path
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                files.append(TemplateSource(path: "\(top)/\(relative)", text: try String(contentsOfFile: full, encoding: .utf8)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func embeddedCopyMatchesTheFilesOnDisk() throws {
        let disk = try Self.filesOnDisk()
        let embedded = SchemaCatalog.embeddedFiles.sorted { $0.path < $1.path }
        #expect(embedded.map(\.path) == disk.map(\.path), "run scripts/embed-sql")
        for (left, right) in zip(embedded, disk) {
            #expect(left.text == right.text, "\(left.path) differs from its embedded copy: run scripts/embed-sql")
        }
    }

    @Test(arguments: SQLDialect.allCases)
    func committedSchemaFileMatchesTheDump(dialect: SQLDialect) throws {
        let path = Self.root.appendingPathComponent("schema/\(dialect.rawValue).sql").path
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        let dump = try SchemaCatalog.embedded.dump(for: dialect)
        #expect(committed == dump, "schema/\(dialect.rawValue).sql is stale: run relayburn schema dump --dialect \(dialect.rawValue) > \(path)")
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
