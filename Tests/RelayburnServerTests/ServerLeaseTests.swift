import NIOHTTP1
import RelayburnHTTP
import RelayburnLedger
import RelayburnPostgres
import RelayburnSchema
import RelayburnTestSupport
import RelayburnWire
import Synchronization
import Testing

/// server.md §7: leases on the backing store's own lock, across replicas, with fences, idempotent acquires and
/// expiry enforced by the server.
@Suite struct ServerLeaseTests {
    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func holdersThroughTwoServersOnOnePostgresNeverOverlap() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = database.postgresURL ?? ""
        let first = try await TestServer.start(store: try await PostgresStore.open(conninfo: url, appliedBy: "a"))
        let second = try await TestServer.start(store: try await PostgresStore.open(conninfo: url, appliedBy: "b"))
        let clients = [
            try await HTTPStore.open(baseURL: first.baseURL, apiKey: TestKeys.write),
            try await HTTPStore.open(baseURL: second.baseURL, apiKey: TestKeys.write),
        ]
        let counter = SharedCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                let client = clients[worker % 2]
                group.addTask {
                    for _ in 0..<5 {
                        try await client.withLock("shared-counter", timeoutMs: 60_000) {
                            let read = counter.state.withLock { state in
                                state.inside += 1
                                if state.inside > 1 { state.overlaps += 1 }
                                return state.value
                            }
                            try await Task.sleep(for: .milliseconds(2))
                            counter.state.withLock { state in
                                state.value = read + 1
                                state.inside -= 1
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(counter.state.withLock { $0.value } == 40, "a shared counter incremented under the lease ends exact")
        #expect(counter.state.withLock { $0.overlaps } == 0)

        // An expired lease is granted to the next acquirer, through the other replica, with a higher fence.
        let raw = [RawClient(baseURL: first.baseURL), RawClient(baseURL: second.baseURL)]
        let held = try await raw[0].post("/v1/locks/expiring/acquire", key: TestKeys.write, json: #"{"ttlMs":1000}"#)
        #expect(held.status == 200, "\(held.text)")
        let busy = try await raw[1].post("/v1/locks/expiring/acquire", key: TestKeys.write, json: #"{"waitMs":0}"#)
        #expect(busy.status == 409)
        #expect(busy.errorCode == "lock_not_acquired")
        let next = try await raw[1].post("/v1/locks/expiring/acquire", key: TestKeys.write, json: #"{"waitMs":5000}"#)
        #expect(next.status == 200, "\(next.text)")
        #expect((next.json?["fence"]?.integerValue ?? 0) > (held.json?["fence"]?.integerValue ?? 0))
        let token = held.json?["token"]?.stringValue ?? ""
        let renew = try await raw[0].post(
            "/v1/locks/expiring/renew", key: TestKeys.write, json: #"{"token":"\#(token)"}"#)
        #expect(renew.errorCode == "lease_not_held")

        for client in clients { await client.close() }
        for server in [first, second] {
            await server.stop()
            await server.store.close()
        }
    }

    /// More leases than lock sessions: the extra acquire waits its `waitMs`, then is 503 (capacity, retry), never
    /// a hang; a 409 names this replica's own lease, never a database pid or client address.
    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func leasesBeyondTheLockSessionsAre503AndHoldersAreNotLeaked() async throws {
        let database = try await TestDatabase.make(.postgres)
        let store = try await PostgresStore.open(
            conninfo: database.postgresURL ?? "", appliedBy: "lease-sessions", lockSessionLimit: 1)
        let server = try await TestServer.start(store: store)
        let client = RawClient(baseURL: server.baseURL)
        let held = try await client.post("/v1/locks/one/acquire", key: TestKeys.write, json: #"{"ttlMs":300000}"#)
        #expect(held.status == 200, "\(held.text)")
        let busy = try await client.post("/v1/locks/two/acquire", key: TestKeys.write, json: #"{"waitMs":300}"#)
        #expect(busy.status == 503, "\(busy.text)")
        #expect(busy.errorCode == "store_unavailable")
        #expect(busy.headers["Retry-After"].first == "1")
        let taken = try await client.post("/v1/locks/one/acquire", key: TestKeys.write, json: #"{"waitMs":0}"#)
        #expect(taken.status == 409 || taken.status == 503, "\(taken.text)")
        #expect(!taken.text.contains("pid") && !taken.text.contains("127.0.0.1"), "\(taken.text)")
        let token = held.json?["token"]?.stringValue ?? ""
        _ = try await client.post("/v1/locks/one/release", key: TestKeys.write, json: #"{"token":"\#(token)"}"#)
        let granted = try await client.post("/v1/locks/two/acquire", key: TestKeys.write, json: #"{"waitMs":5000}"#)
        #expect(granted.status == 200, "\(granted.text)")
        await server.stop()
        await store.close()
    }

    @Test func aRefusedAcquireNamesTheLeaseOnThisReplica() async throws {
        let server = try await TestServer.start(store: MemoryStore())
        let client = RawClient(baseURL: server.baseURL)
        let held = try await client.post("/v1/locks/named/acquire", key: TestKeys.write, json: #"{"ttlMs":300000}"#)
        #expect(held.status == 200)
        let refused = try await client.post("/v1/locks/named/acquire", key: TestKeys.write, json: #"{"waitMs":0}"#)
        #expect(refused.status == 409)
        let holder = refused.json?["error"]?["holder"]?.stringValue ?? ""
        #expect(holder.hasPrefix("a lease on this replica, expiring in "), "\(refused.text)")
        await server.stop()
    }

    @Test func acquireIsIdempotentRenewExtendsAndReleaseIsRepeatable() async throws {
        let server = try await TestServer.start(store: MemoryStore())
        let client = RawClient(baseURL: server.baseURL)
        let headers = [("Idempotency-Key", "retry-1")]
        // A long lease: under the full suite's load a request has taken longer than the default TTL, and this test
        // is about idempotency, renewal and release, not expiry.
        let body = #"{"ttlMs":300000}"#
        let first = try await client.post(
            "/v1/locks/jobs/import/acquire", key: TestKeys.write, json: body, headers: headers)
        let again = try await client.post(
            "/v1/locks/jobs/import/acquire", key: TestKeys.write, json: body, headers: headers)
        #expect(first.status == 200)
        #expect(again.json?["token"] == first.json?["token"], "a retried acquire returns the same lease")
        // The same idempotency key from another API key is a new acquire, refused while the lock is held.
        let stranger = try await client.post(
            "/v1/locks/jobs/import/acquire", key: TestKeys.admin, json: "{}", headers: headers)
        #expect(stranger.status == 409 && stranger.json?["token"] == nil, "\(stranger.text)")
        let token = first.json?["token"]?.stringValue ?? ""
        let renewed = try await client.post(
            "/v1/locks/jobs/import/renew", key: TestKeys.write, json: #"{"token":"\#(token)"}"#)
        #expect((renewed.json?["expiresAtMs"]?.integerValue ?? 0) >= (first.json?["expiresAtMs"]?.integerValue ?? 0))
        let released = try await client.post(
            "/v1/locks/jobs/import/release", key: TestKeys.write, json: #"{"token":"\#(token)"}"#)
        #expect(released.json?["released"]?.boolValue == true)
        let repeated = try await client.post(
            "/v1/locks/jobs/import/release", key: TestKeys.write, json: #"{"token":"\#(token)"}"#)
        #expect(repeated.status == 200)
        #expect(repeated.json?["released"]?.boolValue == false)
        let other = try await client.post("/v1/locks/jobs/import/acquire", key: TestKeys.write, json: "{}")
        #expect((other.json?["fence"]?.integerValue ?? 0) == 2, "the fence grows with every grant")
        await server.stop()
    }
}

/// A counter the lease holders increment, recording any moment two of them were inside at once.
final class SharedCounter: Sendable {
    let state = Mutex((value: 0, inside: 0, overlaps: 0))
}
