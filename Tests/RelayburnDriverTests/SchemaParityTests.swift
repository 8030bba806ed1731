import RelayburnSchema
import RelayburnTestSupport
import Testing

/// After the same migrations, SQLite and PostgreSQL describe the same logical schema (DESIGN §6).
@Suite struct SchemaParityTests {
    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func bothDialectsDescribeTheSameTablesColumnsKeysAndIndexes() async throws {
        let sqlite = try await TestDatabase.make(.sqlite)
        let postgres = try await TestDatabase.make(.postgres)
        _ = try await sqlite.migrate()
        _ = try await postgres.migrate()
        let sqliteSchema = try await sqlite.liveSchema()
        let postgresSchema = try await postgres.liveSchema()
        #expect(SchemaParity.differences(sqlite: sqliteSchema, postgres: postgresSchema) == [])
        // The comparison is not vacuous: every ledger table is there on both sides.
        for table in ["turns", "content", "compactions", "relationships", "tool_result_events",
                      "user_turns", "stamps", "locks", "sessions", "schema_versions"] {
            #expect(sqliteSchema.table(table) != nil, "sqlite lacks \(table)")
            #expect(postgresSchema.table(table) != nil, "postgres lacks \(table)")
        }
        // The dialect-only objects are where they are declared.
        #expect(sqliteSchema.table("content_fts")?.isVirtual == true)
        #expect(sqliteSchema.triggers.map(\.name) == ["content_fts_delete", "content_fts_insert"])
        #expect(postgresSchema.table("content")?.indexes.contains { $0.name == "content_text_search" } == true)
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func parityReportsARealDifference() async throws {
        let sqlite = try await TestDatabase.make(.sqlite)
        let postgres = try await TestDatabase.make(.postgres)
        _ = try await sqlite.migrate()
        _ = try await postgres.migrate()
        try await postgres.execute("ALTER TABLE turns ALTER COLUMN model DROP NOT NULL; DROP INDEX turns_project;")
        let differences = SchemaParity.differences(
            sqlite: try await sqlite.liveSchema(), postgres: try await postgres.liveSchema())
        #expect(
            differences == [
                "postgres vs sqlite: column turns.model is nullable, expected not null",
                "postgres vs sqlite: missing index turns_project (project) on turns",
            ])
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func expectedSchemaEqualsAFreshlyMigratedDatabase(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let expected = try await database.expectedSchema()
        let live = try await database.liveSchema()
        #expect(SchemaDiff.differences(expected: expected, actual: live) == [])
        #expect(expected == live)
    }
}
