import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// SQLite ignores foreign keys unless a connection asks; relayburn's connections ask, so a foreign key a future
/// migration declares refuses the same rows on SQLite as on PostgreSQL.
@Suite struct SQLiteForeignKeyTests {
    @Test func connectionsEnforceForeignKeys() async throws {
        let path = try TemporaryDirectory.make() + "/fk.sqlite"
        let database = try await SQLiteDatabase.open(path: path)
        let enabled = try await database.run { try $0.query(RenderedStatement(unsafeSQL: "PRAGMA foreign_keys")) }
        #expect(enabled.first?.first?.integerValue == 1)
        try await database.run {
            try $0.execute(
                script: RenderedStatement(
                    unsafeSQL: """
                        CREATE TABLE parent (id TEXT PRIMARY KEY);
                        CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent (id));
                        INSERT INTO parent (id) VALUES ('p');
                        INSERT INTO child (id, parent_id) VALUES ('ok', 'p');
                        """))
        }
        await #expect(throws: DatabaseError.self) {
            try await database.run {
                try $0.execute(
                    script: RenderedStatement(unsafeSQL: "INSERT INTO child (id, parent_id) VALUES ('orphan', 'none')"))
            }
        }
    }
}
