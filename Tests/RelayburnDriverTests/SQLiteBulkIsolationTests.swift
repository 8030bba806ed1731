import RelayburnLedger
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// A bulk import's grouped transaction belongs to the import: another task's append commits on its own.
@Suite struct SQLiteBulkIsolationTests {
    private func turn(_ message: String) throws -> TurnRecord {
        try ConformanceFixtures.turn(["sessionId": "bulk-session", "messageId": .string(message)])
    }

    @Test func aPlainAppendDuringABulkImportIsDurableWhenItReturns() async throws {
        let database = try await TestDatabase.make(.sqlite)
        let path = try #require(database.sqlitePath)
        let store = try await SQLiteStore.open(path: path, appliedBy: "bulk-isolation")
        let inBulk = try turn("inside-bulk")
        let outside = try turn("outside-bulk")
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let (finished, finishedSignal) = AsyncStream<Void>.makeStream()
        let bulk = Task {
            try await store.bulkAppending {
                _ = try await store.appendTurns([inBulk])
                startedSignal.yield()
                // Hold the grouped transaction open until the other writer has returned.
                for await _ in finished { break }
            }
        }
        for await _ in started { break }
        // A detached task inherits nothing from the import: it is "another caller of the store".
        let inserted = try await Task.detached { try await store.appendTurns([outside]) }.value
        #expect(inserted == 1)
        // Another connection (another process, as far as SQLite is concerned) already sees it.
        let rows = try await database.rows("SELECT count(*) FROM turns WHERE id = '\(outside.id)'")
        #expect(rows.first?.first?.integerValue == 1)
        finishedSignal.yield()
        try await bulk.value
        let all = try await database.rows("SELECT count(*) FROM turns")
        #expect(all.first?.first?.integerValue == 2)
        await store.close()
    }
}
