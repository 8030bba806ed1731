import RelayburnSchema
import Testing

/// A `compat=additive` declaration is checked when the catalog is built: anything an older writer could not live
/// with is refused with file:line and the rule.
@Suite struct AdditiveRulesTests {
    static func catalog(_ body: String) throws -> SchemaCatalog {
        var files = SchemaCatalog.embeddedFiles
        let next = Migration.paddedVersion(SchemaCatalog.embedded.latestVersion + 1)
        files.append(
            TemplateSource(path: "migrations/\(next)_change.sql", text: "-- relayburn: compat=additive\n" + body))
        return try SchemaCatalog(files: files)
    }

    @Test(arguments: [
        ("ALTER TABLE turns ADD COLUMN region TEXT NOT NULL;\n", 2, "NOT NULL column without a default"),
        ("CREATE TABLE notes (id TEXT PRIMARY KEY);\nALTER TABLE turns DROP COLUMN stop_reason;\n", 3, "drops"),
        ("ALTER TABLE turns RENAME COLUMN model TO model_name;\n", 2, "renames"),
        ("ALTER TABLE turns ALTER COLUMN model TYPE BIGINT;\n", 2, "changes a column's type"),
        ("ALTER TABLE turns ALTER COLUMN model SET NOT NULL;\n", 2, "tightens"),
        ("CREATE UNIQUE INDEX turns_message ON turns (message_id);\n", 2, "unique index to an existing table"),
        ("ALTER TABLE turns ADD COLUMN region TEXT;\nUPDATE turns SET region = 'eu';\n", 3, "rewrites existing rows"),
        ("ALTER TABLE turns ADD CONSTRAINT positive CHECK (input_tokens >= 0);\n", 2, "constraint"),
    ])
    func whatOlderWritersCannotLiveWithIsRefused(body: String, line: Int, rule: String) throws {
        let error = #expect(throws: MigrationError.self) { try Self.catalog(body) }
        #expect(error?.code == .invalidDeclaration)
        #expect(error?.description.contains("_change.sql:\(line): compat=additive, but this statement") == true)
        #expect(error?.description.contains(rule) == true, "\(error?.description ?? "")")
    }

    @Test func newTablesIndexesAndNullableOrDefaultedColumnsAreAdditive() throws {
        let catalog = try Self.catalog(
            """
            CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL UNIQUE);
            CREATE UNIQUE INDEX notes_body ON notes (body);
            CREATE INDEX turns_model_ts ON turns (model, ts);
            ALTER TABLE turns ADD COLUMN region TEXT;
            ALTER TABLE turns ADD COLUMN tier TEXT NOT NULL DEFAULT 'standard';

            """)
        #expect(catalog.migrations.last?.compat == .additive)
    }
}

/// The embedded catalog skips the declaration checks at run time, so the suite runs them on the same files.
@Suite struct EmbeddedDeclarationTests {
    @Test func theEmbeddedMigrationsPassTheAdditiveRules() throws {
        let checked = try SchemaCatalog(files: SchemaCatalog.embeddedFiles)
        #expect(checked.migrations.map(\.checksum) == SchemaCatalog.embedded.migrations.map(\.checksum))
        #expect(checked.migrations.filter { $0.compat == .additive }.map(\.version) == [7, 8, 9, 10])
    }
}

/// The half of the additive rules that needs the templates: a column an additive migration adds must not be one
/// relayburn's own statements fill, because older writers leave it empty.
@Suite struct AdditiveCodeWriteTests {
    static func catalog(insertBindsRegion: Bool, compat: String = "additive") throws -> SchemaCatalog {
        var files = SchemaCatalog.embeddedFiles
        let next = Migration.paddedVersion(SchemaCatalog.embedded.latestVersion + 1)
        files.append(
            TemplateSource(
                path: "migrations/\(next)_region.sql",
                text:
                    "-- relayburn: compat=\(compat)\n-- Where a turn ran.\nALTER TABLE turns ADD COLUMN region TEXT;\n")
        )
        if insertBindsRegion {
            let path = "templates/ledger/turns/insert.sql"
            let original = try #require(files.first { $0.path == path })
            files.removeAll { $0.path == path }
            files.append(
                TemplateSource(
                    path: path,
                    text: original.text.replacing(
                        "subagent_id, record_json)", with: "subagent_id, record_json, region)")))
        }
        return try SchemaCatalog(files: files)
    }

    @Test func anAdditiveColumnThatRelayburnsInsertFillsIsRefused() throws {
        let error = #expect(throws: MigrationError.self) { try Self.catalog(insertBindsRegion: true) }
        #expect(error?.code == .invalidDeclaration)
        let description = error?.description ?? ""
        #expect(description.contains("_region.sql:3: compat=additive, but templates/ledger/turns/insert.sql:"))
        #expect(description.contains("writes turns.region, which older writers leave empty"), "\(description)")
    }

    @Test func theSameColumnIsAdditiveWhenOnlyABackfillOrNothingFillsIt() throws {
        #expect(try Self.catalog(insertBindsRegion: false).migrations.last?.compat == .additive)
        // Declared read-only, older writers stop writing, so relayburn's code may fill it.
        #expect(try Self.catalog(insertBindsRegion: true, compat: "read-only").migrations.last?.compat == .readOnly)
    }
}
