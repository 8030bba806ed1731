import Testing

@testable import RelayburnSchema

/// Issue 14 parts 6 and 7: `-- relayburn: no-transaction` migrations and `-- relayburn: backfill` sections are
/// recognised, and what they may hold is enforced when the catalog is built, with file:line.
@Suite struct MigrationKindTests {
    static let next = Migration.paddedVersion(SchemaCatalog.embedded.latestVersion + 1)

    static func catalog(_ text: String) throws -> SchemaCatalog {
        var files = SchemaCatalog.embeddedFiles
        files.append(TemplateSource(path: "migrations/\(next)_change.sql", text: text))
        return try SchemaCatalog(files: files)
    }

    @Test func aNoTransactionMigrationIsSentOneStatementAtATime() throws {
        let catalog = try Self.catalog(
            """
            -- relayburn: compat=additive no-transaction
            -- Two indexes; a ';' inside a comment or 'a;string' does not split.
            CREATE INDEX {{CONCURRENTLY}} IF NOT EXISTS turns_model_ts ON turns (model, ts);
            CREATE INDEX {{CONCURRENTLY}} IF NOT EXISTS turns_source ON turns (source) WHERE source <> 'a;b';

            """)
        let migration = try #require(catalog.migrations.last)
        #expect(migration.kind == .noTransaction)
        #expect(migration.compat == .additive)
        let pieces = try migration.separateStatements.map { try catalog.engine(for: .postgres).render($0) }
        #expect(pieces.count == 2)
        #expect(pieces[0].sql.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS turns_model_ts"))
        #expect(!pieces[0].sql.contains("turns_source"))
        #expect(pieces[1].sql.contains("WHERE source <> 'a;b';"))
        // SQLite has no concurrent builds: the same text renders to a plain index build.
        let sqlite = try catalog.render(migration, for: .sqlite).sql
        #expect(sqlite.contains("CREATE INDEX  IF NOT EXISTS turns_model_ts"))
    }

    @Test(arguments: [
        ("CREATE INDEX turns_model ON turns (model);\n", "CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS"),
        ("CREATE INDEX {{CONCURRENTLY}} turns_model ON turns (model);\n", "idempotent"),
        ("ALTER TABLE turns ADD COLUMN region TEXT;\n", "move the rest to a transactional migration"),
        ("REINDEX INDEX turns_order;\n", "REINDEX … CONCURRENTLY"),
    ])
    func aNoTransactionMigrationHoldsOnlyIdempotentStatements(body: String, rule: String) throws {
        let text = "-- relayburn: compat=additive no-transaction\n-- Why.\n" + body
        let error = #expect(throws: MigrationError.self) { try Self.catalog(text) }
        #expect(error?.code == .invalidDeclaration)
        #expect(error?.description.contains("\(Self.next)_change.sql:3: this statement is not one") == true)
        #expect(error?.description.contains(rule) == true, "\(error?.description ?? "")")
    }

    @Test func theAllowListNamesTheIndexAKilledBuildLeaves() throws {
        let create = NoTransactionStatement(
            sql: "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Odd\"\"Name\" ON t (a);")
        #expect(create?.leftoverIndex == "Odd\"Name")
        let reindex = NoTransactionStatement(sql: "REINDEX INDEX CONCURRENTLY public.Turns_Model;")
        #expect(reindex?.leftoverIndex == "turns_model" && reindex?.isReindex == true)
        #expect(NoTransactionStatement(sql: "-- why\nALTER TABLE turns VALIDATE CONSTRAINT positive;") != nil)
        #expect(
            NoTransactionStatement(sql: "ALTER TABLE turns VALIDATE CONSTRAINT positive, ADD COLUMN x TEXT;") == nil)
        #expect(NoTransactionStatement(sql: "DROP INDEX CONCURRENTLY IF EXISTS a;")?.leftoverIndex == nil)
    }

    static let backfill = """
        -- relayburn: compat=read-only
        ALTER TABLE turns ADD COLUMN region TEXT;

        -- relayburn: backfill batch=250
        SELECT max(id), count(*) FROM (SELECT id FROM turns WHERE id > :after ORDER BY id LIMIT :batch_size) AS batch;
        UPDATE turns SET region = {{json_text(record_json, 'model')}} WHERE id > :after AND id <= :last;

        """

    @Test func aBackfillSectionIsSplitFromItsDDLWithLocationsKept() throws {
        let catalog = try Self.catalog(Self.backfill)
        let migration = try #require(catalog.migrations.last)
        #expect(migration.kind == .backfill)
        let section = try #require(migration.backfill)
        #expect(section.batchSize == 250)
        #expect(section.line == 4)
        let ddl = try catalog.engine(for: .sqlite).render(migration.ddlSource)
        #expect(ddl.sql.contains("ADD COLUMN region") && !ddl.sql.contains("UPDATE"))
        let bound = try catalog.engine(for: .postgres).render(section.boundSource)
        #expect(bound.parameters == ["after", "batch_size"])
        let fill = try catalog.engine(for: .postgres).render(section.fillSource)
        #expect(fill.parameters == ["after", "last"])
        // The blanked pieces keep the file's own lines, so a database error still points at line 6.
        #expect(fill.sql.split(separator: "\n", omittingEmptySubsequences: false).count >= 6)
        #expect(fill.sql.split(separator: "\n", omittingEmptySubsequences: false)[5].contains("UPDATE turns"))
    }

    @Test(arguments: [
        ("-- relayburn: backfill batch=0\n", "batch=0 is not batch=N"),
        (
            "-- relayburn: backfill\nUPDATE turns SET model = model WHERE id > :after AND id <= :last;\n",
            "two statements"
        ),
        ("-- relayburn: compat=additive\n", "must be among the migration's first comment lines"),
    ])
    func malformedSectionsAreRefusedWithTheirLine(marker: String, rule: String) throws {
        let text = "-- relayburn: compat=read-only\nALTER TABLE turns ADD COLUMN region TEXT;\n" + marker
        let error = #expect(throws: MigrationError.self) { try Self.catalog(text) }
        #expect(error?.description.contains("\(Self.next)_change.sql:3:") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains(rule) == true, "\(error?.description ?? "")")
    }

    @Test func anUnknownDirectiveIsRefusedWithItsLine() throws {
        let error = #expect(throws: MigrationError.self) {
            try Self.catalog("-- Why.\n-- relayburn: compat=additive transactional\nCREATE TABLE notes (id TEXT);\n")
        }
        #expect(error?.description.contains("_change.sql:2: transactional is not a relayburn directive") == true)
    }

    @Test func aBackfillBindsOnlyWhatTheRunnerSupplies() throws {
        let text = Self.backfill.replacing("id <= :last", with: "id <= :upto")
        let error = #expect(throws: MigrationError.self) { try Self.catalog(text) }
        #expect(error?.description.contains("_change.sql:6: this statement (the fill) binds :upto") == true)
    }

    @Test func aNoTransactionMigrationCannotAlsoBackfill() throws {
        let text =
            "-- relayburn: no-transaction\nCREATE INDEX {{CONCURRENTLY}} IF NOT EXISTS a ON turns (model);\n"
            + "-- relayburn: backfill\nSELECT 1;\nSELECT 2;\n"
        let error = #expect(throws: MigrationError.self) { try Self.catalog(text) }
        #expect(error?.description.contains("cannot have a backfill section") == true)
    }
}
