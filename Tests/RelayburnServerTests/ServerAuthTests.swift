import NIOHTTP1
import RelayburnLedger
import RelayburnSQLite
import RelayburnServer
import RelayburnTestSupport
import RelayburnWire
import Testing

/// server.md §5: who may call what, and that keys never reach a log line.
@Suite struct ServerAuthTests {
    static let v1Routes: [(method: String, path: String)] = [
        ("GET", "/v1/turns"), ("POST", "/v1/turns"), ("POST", "/v1/ingest"), ("GET", "/v1/stamps"),
        ("GET", "/v1/summary"), ("GET", "/v1/content/search?q=x"), ("GET", "/v1/content/sessions"),
        ("GET", "/v1/content/sessions/s-1"), ("POST", "/v1/content/prune"), ("POST", "/v1/locks/a/acquire"),
        ("POST", "/v1/locks/a/renew"), ("POST", "/v1/locks/a/release"), ("GET", "/v1/limits"), ("GET", "/metrics"),
    ]

    @Test func everyV1RouteRefusesAMissingMalformedUnknownOrRevokedKey() async throws {
        let store = MemoryStore()
        let revoked = APIKey.generate()
        try await store.createAPIKey(
            StoredAPIKey(
                name: "old", prefix: APIKey.displayPrefix(revoked), sha256: APIKey.digest(revoked), scopes: "admin",
                createdAt: "2026-01-01T00:00:00.000Z", revokedAt: nil))
        _ = try await store.revokeAPIKey(name: "old", at: "2026-01-02T00:00:00.000Z")
        let server = try await TestServer.start(store: store)
        let client = RawClient(baseURL: server.baseURL)
        let typo = String(TestKeys.admin.dropLast()) + (TestKeys.admin.last == "a" ? "b" : "a")
        let headers: [[(String, String)]] = [
            [], [("Authorization", "Basic abc")], [("Authorization", "Bearer")],
            [("Authorization", "Bearer \(APIKey.generate())")], [("Authorization", "Bearer \(typo)")],
            [("Authorization", "Bearer \(revoked)")],
        ]
        for route in Self.v1Routes {
            for header in headers {
                let reply = try await client.send(
                    .init(rawValue: route.method), route.path, headers: header,
                    body: route.method == "POST" ? Array("[]".utf8) : nil)
                #expect(reply.status == 401, "\(route) \(header.first?.0 ?? "none")")
                #expect(reply.errorCode == "unauthorized")
                #expect(reply.headers["WWW-Authenticate"].first?.hasPrefix("Bearer") == true)
            }
        }
        #expect(try await client.get("/healthz", key: nil).status == 200)
        #expect(try await client.get("/readyz", key: nil).status == 200)
        await server.stop()
    }

    @Test func aReadKeyCannotWriteAndOnlyAdminPrunes() async throws {
        let server = try await TestServer.start(store: MemoryStore())
        let client = RawClient(baseURL: server.baseURL)
        let post = try await client.post("/v1/turns", key: TestKeys.read, json: "[]")
        #expect(post.status == 403)
        #expect(post.errorCode == "insufficient_scope")
        #expect(try await client.post("/v1/locks/a/acquire", key: TestKeys.read, json: "{}").status == 403)
        #expect(
            try await client.post("/v1/content/prune", key: TestKeys.write, json: #"{"olderThanMs":0}"#).status == 403)
        #expect(
            try await client.post("/v1/content/prune", key: TestKeys.admin, json: #"{"olderThanMs":0}"#).status == 200)
        #expect(try await client.get("/v1/turns", key: TestKeys.read).status == 200)
        #expect(try await client.post("/v1/turns", key: TestKeys.write, json: "[]").status == 200)
        await server.stop()
    }

    @Test func namedEnvironmentKeysAndDatabaseKeysAreAcceptedAndRevocationReachesTheServer() async throws {
        let store = MemoryStore()
        let configured = try ConfiguredKeys.parse(
            "ci:write=\(TestKeys.write), dash:read=sha256:\(APIKey.digest(TestKeys.read))")
        #expect(configured.map(\.name) == ["ci", "dash"])
        let server = try await TestServer.start(store: store, keys: configured)
        let client = RawClient(baseURL: server.baseURL)
        #expect(try await client.post("/v1/turns", key: TestKeys.write, json: "[]").status == 200)
        #expect(try await client.get("/v1/turns", key: TestKeys.read).status == 200)
        #expect(try await client.post("/v1/turns", key: TestKeys.read, json: "[]").status == 403)

        let stored = APIKey.generate()
        try await store.createAPIKey(
            StoredAPIKey(
                name: "db-key", prefix: APIKey.displayPrefix(stored), sha256: APIKey.digest(stored),
                scopes: "read+write", createdAt: "2026-01-01T00:00:00.000Z", revokedAt: nil))
        try await waitUntil { try await client.get("/v1/limits", key: stored).status == 200 }
        _ = try await store.revokeAPIKey(name: "db-key", at: "2026-01-02T00:00:00.000Z")
        let clock = ContinuousClock()
        let revokedAt = clock.now
        try await waitUntil(within: .seconds(30)) { try await client.get("/v1/limits", key: stored).status == 401 }
        // Keys are re-read every 200 ms here; the bound is wide because the full suite on two cores has delayed
        // the refresh task by over 10 s. A revocation that never reached the server still fails.
        #expect(clock.now - revokedAt < .seconds(25), "revocation took effect")

        let lines = server.log.all
        #expect(!lines.isEmpty)
        for key in [TestKeys.write, TestKeys.read, stored] {
            #expect(lines.allSatisfy { !$0.contains(key) }, "the key string is absent from every log line")
        }
        #expect(lines.contains { $0.contains(#""key":"ci""#) })
        await server.stop()
    }

    /// Key revocation fails closed: once the database's keys cannot be re-read for longer than `keyMaxAgeMs`, a
    /// database key is answered 503 (retry), not accepted on a set that may miss its revocation; a key from
    /// `RELAYBURN_API_KEYS` needs no database and still works.
    @Test func databaseKeysStopWorkingWhenTheyCannotBeRereadForTooLong() async throws {
        let path = try TemporaryDirectory.make() + "/keys.sqlite"
        let store = try await SQLiteStore.open(path: path, appliedBy: "key age test")
        let stored = APIKey.generate()
        try await store.createAPIKey(
            StoredAPIKey(
                name: "db-key", prefix: APIKey.displayPrefix(stored), sha256: APIKey.digest(stored),
                scopes: "read", createdAt: "2026-01-01T00:00:00.000Z", revokedAt: nil))
        let server = try await TestServer.start(store: store) {
            $0.keyRefreshMs = 100
            // Far above the refresh interval, so a loaded machine's late refresh does not fail the first request
            // (the full parallel suite on two cores has delayed it by more than 3 s).
            $0.keyMaxAgeMs = 8_000
        }
        let client = RawClient(baseURL: server.baseURL)
        #expect(try await client.get("/v1/limits", key: stored).status == 200)
        await store.close()
        try await waitUntil(within: .seconds(30)) { try await client.get("/v1/limits", key: stored).status == 503 }
        let refused = try await client.get("/v1/limits", key: stored)
        #expect(refused.errorCode == "store_unavailable")
        #expect(refused.headers["Retry-After"].first == "1")
        #expect(try await client.get("/v1/limits", key: TestKeys.read).status == 200)
        await server.stop()
    }
}

/// Polls `condition` every 50 ms for up to `limit`.
func waitUntil(within limit: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("condition not met within \(limit)")
}
