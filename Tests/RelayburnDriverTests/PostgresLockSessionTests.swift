import RelayburnLedger
import RelayburnPostgres
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Lock holders on PostgreSQL come from a bounded set of sessions, and a holder beyond it waits no longer than
/// its own lock timeout (a server's lease `waitMs`), then fails naming the capacity, not the lock.
@Suite(.enabled(if: TestDatabase.postgresEnabled)) struct PostgresLockSessionTests {
    @Test func aHolderBeyondTheLockSessionsWaitsItsTimeoutThenFailsBusy() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "lock-sessions", lockSessionLimit: 1)
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await store.withLock("first", timeoutMs: 1_000) {
                enteredContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        let clock = ContinuousClock()
        let started = clock.now
        await #expect(throws: LockSessionsBusyError.self) {
            try await store.withLock("second", timeoutMs: 300) {}
        }
        let waited = clock.now - started
        #expect(waited >= .milliseconds(250) && waited < .seconds(10), "waited \(waited)")
        releaseContinuation.yield()
        try await first.value
        // The session came back: another name is granted at once.
        #expect(try await store.withLock("second", timeoutMs: 1_000) { 7 } == 7)
        await store.close()
    }

    @Test func aHolderWaitingForASessionGetsTheOneReleasedWithinItsTimeout() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: try #require(database.postgresURL), appliedBy: "lock-sessions-wait", lockSessionLimit: 1)
        let first = Task {
            try await store.withLock("first", timeoutMs: 1_000) { try await Task.sleep(for: .milliseconds(200)) }
        }
        try await Task.sleep(for: .milliseconds(50))
        // A generous budget: under the full parallel suite the first holder's 200 ms has taken over 10 s.
        #expect(try await store.withLock("second", timeoutMs: 60_000) { "granted" } == "granted")
        try await first.value
        await store.close()
    }
}
