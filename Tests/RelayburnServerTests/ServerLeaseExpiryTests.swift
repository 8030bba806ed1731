import RelayburnLedger
import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema
import RelayburnTestSupport
import RelayburnWire
import Testing

/// Recorded lease expiries (`lock_leases`): a server that dies takes the store's lock with it, but the next grant
/// of the name still waits until the dead server's lease would have run out, because its client may work until then.
@Suite struct ServerLeaseExpiryTests {
    /// The store half, on every store: a grant records its expiry, a renew moves it, a release drops it for good,
    /// and a grant that recorded nothing (an older server's) makes an earlier row stale.
    @Test(arguments: ["memory"] + TestDatabase.enabledDialects.map(\.rawValue))
    func expiriesFollowGrantsRenewsAndReleases(store kind: String) async throws {
        let database = kind == "memory" ? nil : try await TestDatabase.make(SQLDialect(rawValue: kind) ?? .sqlite)
        let store: any CollectorStore = try await database?.openStore(appliedBy: "expiry test") ?? MemoryStore()
        #expect(try await store.leaseHeldUntil("job") == nil, "a name never granted has no expiry")
        let first = try await store.nextLockFence("job", heldUntilMs: 1_000)
        #expect(try await store.leaseHeldUntil("job") == 1_000)
        try await store.extendLease("job", fence: first, heldUntilMs: 2_000)
        #expect(try await store.leaseHeldUntil("job") == 2_000, "a renew moves the expiry")
        try await store.releaseLease("job", fence: first)
        #expect(try await store.leaseHeldUntil("job") == nil, "a released grant leaves nothing to wait for")
        try await store.extendLease("job", fence: first, heldUntilMs: 3_000)
        #expect(try await store.leaseHeldUntil("job") == nil, "a renew racing its release does not bring it back")

        let second = try await store.nextLockFence("job", heldUntilMs: 4_000)
        #expect(second == first + 1)
        try await store.releaseLease("job", fence: first)
        #expect(try await store.leaseHeldUntil("job") == 4_000, "an older grant's release leaves the newer one")
        #expect(try await store.leaseHeldUntil("other") == nil)

        if let database {
            // What an older server's grant does: the fence moves on and no expiry is recorded.
            try await database.execute("UPDATE lock_fences SET fence = fence + 1 WHERE name = 'job'")
            #expect(try await store.leaseHeldUntil("job") == nil, "a later grant without a row makes the row stale")
        }
        await store.close()
    }

    /// `relayburn lock` on the store itself obeys a stopped server's recorded lease too: within a shorter wait it
    /// fails saying so, within a longer one it enters once the lease has run out, and the lock was free meanwhile.
    @Test(arguments: TestDatabase.enabledDialects)
    func aStoresOwnLockWaitsForARecordedLease(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let store = try await database.openStore(appliedBy: "recorded lease")
        // What a server that was killed while granting leaves behind: one lease far off, one about to end.
        _ = try await store.nextLockFence("weekly", heldUntilMs: UTCTimestamp.nowMilliseconds() + 600_000)
        await #expect(throws: LeaseStillRunningError.self) {
            try await store.withLock("weekly", timeoutMs: 200) {}
        }
        let heldUntil = UTCTimestamp.nowMilliseconds() + 1_500
        _ = try await store.nextLockFence("nightly", heldUntilMs: heldUntil)
        let enteredAt = try await store.withLock("nightly", timeoutMs: 10_000) { UTCTimestamp.nowMilliseconds() }
        #expect(enteredAt >= heldUntil, "entered at \(enteredAt), before the recorded lease ran out at \(heldUntil)")
        // No wait at all: a name without a recorded lease is entered at once (a recorded one would throw).
        try await store.withLock("another", timeoutMs: 0) {}
        await store.close()
    }

    /// A server whose store sessions die (as when the process is killed) loses the PostgreSQL lock at once; the
    /// other replica still grants the name only once the dead server's lease has run out, with a higher fence.
    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func aNameHeldByADeadServerIsGrantedOnlyAfterItsLeaseExpires() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = database.postgresURL ?? ""
        let dying = try await TestServer.start(store: try await PostgresStore.open(conninfo: url, appliedBy: "dying"))
        let survivor = try await TestServer.start(
            store: try await PostgresStore.open(conninfo: url, appliedBy: "survivor"))
        let toDying = RawClient(baseURL: dying.baseURL)
        let toSurvivor = RawClient(baseURL: survivor.baseURL)

        let held = try await toDying.post("/v1/locks/nightly/acquire", key: TestKeys.write, json: #"{"ttlMs":6000}"#)
        #expect(held.status == 200, "\(held.text)")
        let heldUntil = held.json?["expiresAtMs"]?.integerValue ?? 0
        // The dying server's sessions end, as when its process is killed; its advisory lock goes with them.
        try await database.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'relayburn dying'")

        let early = try await toSurvivor.post(
            "/v1/locks/nightly/acquire", key: TestKeys.write, json: #"{"ttlMs":1000,"waitMs":0}"#)
        #expect(early.status == 409, "\(early.text)")
        #expect(early.errorCode == "lock_not_acquired")
        #expect(early.text.contains("granted by a server that stopped"), "\(early.text)")

        let granted = try await toSurvivor.post(
            "/v1/locks/nightly/acquire", key: TestKeys.write, json: #"{"ttlMs":30000,"waitMs":20000}"#)
        #expect(granted.status == 200, "\(granted.text)")
        let grantedAt = (granted.json?["expiresAtMs"]?.integerValue ?? 0) - 30_000
        #expect(grantedAt >= heldUntil, "granted at \(grantedAt), before the dead lease's expiry \(heldUntil)")
        #expect((granted.json?["fence"]?.integerValue ?? 0) > (held.json?["fence"]?.integerValue ?? 0))

        // A released lease is not waited for.
        let token = granted.json?["token"]?.stringValue ?? ""
        let released = try await toSurvivor.post(
            "/v1/locks/nightly/release", key: TestKeys.write, json: #"{"token":"\#(token)"}"#)
        #expect(released.json?["released"]?.boolValue == true)
        let again = try await toSurvivor.post(
            "/v1/locks/nightly/acquire", key: TestKeys.write, json: #"{"ttlMs":1000,"waitMs":0}"#)
        #expect(again.status == 200, "\(again.text)")

        for server in [dying, survivor] {
            await server.stop()
            await server.store.close()
        }
    }
}
