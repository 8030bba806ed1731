import RelayburnLedger
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// `close()` on the SQLite store really closes: later operations fail with a clear error, none crashes.
@Suite struct SQLiteStoreCloseTests {
    @Test func aClosedStoreRefusesOperations() async throws {
        let database = try await TestDatabase.make(.sqlite)
        let store = try await SQLiteStore.open(path: try #require(database.sqlitePath), appliedBy: "close")
        #expect(try await store.appendTurns([try ConformanceFixtures.turn()]) == 1)
        await store.close()
        await #expect(throws: StoreClosedError.self) { try await store.appendTurns([try ConformanceFixtures.turn()]) }
        await #expect(throws: StoreClosedError.self) { try await store.summary(LedgerQuery(), by: nil) }
        await #expect(throws: StoreClosedError.self) {
            for try await _ in store.queryTurns(LedgerQuery()) {}
        }
        // What was committed before close is there for the next opener.
        let reopened = try await SQLiteStore.open(path: try #require(database.sqlitePath), appliedBy: "close")
        #expect(try await reopened.summary(LedgerQuery(), by: nil).turns == 1)
        await reopened.close()
    }
}
