import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Edited migrations (issue 16 item 4): a comment-only edit is accepted and shown, a semantic one refused unless
/// `templates/migrations.accept` lists it (then accepted on every store and audited once per store), and a dialect
/// file that changes an applied migration's SQL is reported as drift.
@Suite struct MigrationChecksumTests {
    static let original = SchemaCatalog.embedded.migrations[1]

    /// Migration 2 with its SQL changed (an extra index), as a catalog.
    static func semanticallyEdited(acceptList: String? = nil) throws -> SchemaCatalog {
        var files = SchemaCatalog.embeddedFiles.filter {
            $0.path != original.source.path && $0.path != ChecksumAcceptList.path
        }
        files.append(
            TemplateSource(
                path: original.source.path,
                text: original.source.text + "CREATE INDEX IF NOT EXISTS turns_edited ON turns (model);\n"))
        if let acceptList { files.append(TemplateSource(path: ChecksumAcceptList.path, text: acceptList)) }
        return try SchemaCatalog(files: files)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func aCommentOnlyEditIsAcceptedAndShown(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        // Comments edited, added and removed, and the statement re-wrapped and re-indented.
        let text =
            Self.original.source.text
            .replacing("-- ", with: "--   ")
            .replacing("UPDATE turns SET", with: "/* backfill */\nUPDATE   turns\n    SET")
            + "\n-- a note added after release\n"
        let edited = try TestCatalogs.replacing(Self.original.source.path, with: text)
        #expect(edited.migrations[1].checksum != Self.original.checksum)

        let report = try await database.migrate(catalog: edited)
        #expect(report.tookFastPath, "a comment-only edit costs the no-op nothing")
        let status = try await database.status(catalog: edited)
        #expect(status[1].state == .edited)
        #expect(status[1].detail == "edited in comments or whitespace only since it was applied")
        #expect(status[1].checksum == Self.original.checksum, "the recorded checksum is kept")
        #expect(status.filter { $0.state == .applied }.count == status.count - 1)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func anAcceptedEditIsAcceptedOnEveryStoreAndAuditedOnce(dialect: SQLDialect) async throws {
        let refused = try Self.semanticallyEdited()
        let acceptList = """
            # test entries
            2 \(Self.original.checksum) reason="adds an index the report needs; IF NOT EXISTS, safe to re-run"

            """
        let accepting = try Self.semanticallyEdited(acceptList: acceptList)
        let newChecksum = accepting.migrations[1].checksum
        for _ in 0..<2 {
            // Two stores, no command run on either: the committed list is all it takes.
            let database = try await TestDatabase.make(dialect)
            _ = try await database.migrate()
            await #expect(throws: MigrationError.self) { try await database.migrate(catalog: refused) }

            let first = try await database.migrate(catalog: accepting)
            #expect(!first.tookFastPath, "the first acceptance writes its audit row under the lock")
            #expect(first.applied.isEmpty)
            let second = try await database.migrate(catalog: accepting)
            #expect(second.tookFastPath, "once audited, the no-op is the fast path again")

            let audit = try await database.rows(
                "SELECT version, recorded_checksum, accepted_checksum, reason, accepted_by FROM schema_checksum_audit")
            #expect(
                audit.map { $0.map(\.textValue) } == [
                    [
                        "2", Self.original.checksum, newChecksum,
                        "adds an index the report needs; IF NOT EXISTS, safe to re-run", "relayburn tests",
                    ]
                ])
            let recorded = try await database.rows("SELECT checksum FROM schema_versions WHERE version = 2")
            #expect(recorded.map { $0.map(\.textValue) } == [[Self.original.checksum]], "older binaries find theirs")
            let status = try await database.status(catalog: accepting)
            #expect(status[1].state == .accepted)
            #expect(
                status[1].detail
                    == "edited since it was applied; accepted by templates/migrations.accept:2:1: adds an index the "
                    + "report needs; IF NOT EXISTS, safe to re-run")
            // The embedded binary, with the released file, is unaffected.
            #expect(try await database.migrate().tookFastPath)
        }
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func aDialectChangeToAnAppliedMigrationIsDrift(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let path = "templates/dialects/\(dialect.rawValue).dialect"
        let definition = try #require(SchemaCatalog.embeddedFiles.first { $0.path == path })
        let changed =
            dialect == .sqlite
            ? definition.text.replacing(
                "macro json_text(doc, key) = json_extract({{doc}}, '$.' || {{key}})",
                with: "macro json_text(doc, key) = json_extract({{doc}}, '$.' || {{key}} || '')")
            : definition.text.replacing(
                "macro json_text(doc, key) = (({{doc}})::jsonb ->> ({{key}}))",
                with: "macro json_text(doc, key) = (({{doc}})::json ->> ({{key}}))")
        #expect(changed != definition.text)
        let drifted = try TestCatalogs.replacing(path, with: changed)

        let status = try await database.status(catalog: drifted)
        let drift = status.filter { $0.state == .drift }.map(\.version)
        #expect(drift == [2], "migration 2 is the one that uses json_text")
        #expect(status[1].detail == "this relayburn's dialect files render it to other SQL than the store applied")
        // The files are unchanged, so the runner itself carries on.
        #expect(try await database.migrate(catalog: drifted).tookFastPath)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func rowsFromBeforeTheColumnGainTheirSQLChecksum(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate(to: 3)
        // As an older relayburn leaves the table: no column; the next runner with work adds and fills it.
        try await database.execute("ALTER TABLE schema_versions DROP COLUMN sql_checksum")
        _ = try await database.migrate()
        let rows = try await database.rows("SELECT version, sql_checksum FROM schema_versions ORDER BY version")
        let catalog = SchemaCatalog.embedded
        let expected = try catalog.migrations.map { migration -> [String?] in
            [String(migration.version), try catalog.effectiveChecksum(of: migration, for: dialect)]
        }
        #expect(rows.map { $0.map(\.textValue) } == expected)
    }
}
