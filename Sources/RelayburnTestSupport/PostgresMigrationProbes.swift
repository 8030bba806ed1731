public import RelayburnPostgres
import RelayburnSchema

/// PostgreSQL states the concurrent-index tests set up and look at.
public enum PostgresMigrationProbes {
    /// A session in an open transaction holding ROW EXCLUSIVE on `turns`, as a writer mid-transaction: a `CREATE
    /// INDEX CONCURRENTLY` creates its (INVALID) index, then waits for it. `COMMIT` on the session lets it go.
    public static func openWriter(_ url: String) async throws -> PostgresDatabase {
        let writer = try await PostgresDatabase.connect(conninfo: url, applicationName: "open-writer")
        try await writer.run {
            try $0.execute(script: RenderedStatement(unsafeSQL: "BEGIN; LOCK TABLE turns IN ROW EXCLUSIVE MODE"))
        }
        return writer
    }

    /// Whether each index named `name` in the database is valid (empty: there is none).
    public static func validity(of name: String, in database: TestDatabase) async throws -> [Bool] {
        try await database.rows(
            "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '\(name)'"
        ).map { $0.first?.textValue == "t" }
    }
}
