import RelayburnLedger
import RelayburnPostgres
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// A pool a long-running server can share: closing it wakes whoever waits, and a cancelled waiter gives up its
/// place without breaking the pool.
@Suite(.enabled(if: TestDatabase.postgresEnabled)) struct PostgresPoolShutdownTests {
    private func pool(_ database: TestDatabase, size: Int) throws -> PostgresPool {
        let url = try #require(database.postgresURL)
        return try PostgresPool(size: size, catalog: .embedded) {
            try await PostgresDatabase.connect(conninfo: url, applicationName: "relayburn pool-shutdown")
        }
    }

    /// Waits until `count` callers wait for a session (bounded: fails after about five seconds).
    private func waitForWaiters(_ pool: PostgresPool, _ count: Int) async throws {
        for _ in 0..<500 {
            if await pool.waiting == count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("expected \(count) waiters, saw \(await pool.waiting)")
    }

    @Test func closeWakesAWaiterOnAFullPoolWithAnError() async throws {
        let database = try await TestDatabase.make(.postgres)
        let pool = try pool(database, size: 1)
        let held = try await pool.lease()
        let waiter = Task { try await pool.run { connection in connection.isHealthy } }
        try await waitForWaiters(pool, 1)
        await pool.close()
        await #expect(throws: StoreClosedError.self) { try await waiter.value }
        await pool.giveBack(held, healthy: true)
        await #expect(throws: StoreClosedError.self) { try await pool.run { connection in connection.isHealthy } }
    }

    @Test func aCancelledWaiterLeavesThePoolUsable() async throws {
        let database = try await TestDatabase.make(.postgres)
        let pool = try pool(database, size: 1)
        let held = try await pool.lease()
        let waiter = Task { try await pool.run { connection in connection.isHealthy } }
        try await waitForWaiters(pool, 1)
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await pool.waiting == 0)
        await pool.giveBack(held, healthy: true)
        #expect(try await pool.run { connection in connection.isHealthy })
        await pool.close()
    }

    @Test func aClosedStoreRefusesOperations() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(conninfo: try #require(database.postgresURL), appliedBy: "closed")
        await store.close()
        await #expect(throws: StoreClosedError.self) { try await store.summary(LedgerQuery(), by: nil) }
    }
}
