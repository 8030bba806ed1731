import NIOHTTP1
import RelayburnLedger
import RelayburnServer
import RelayburnTestSupport
import RelayburnWire
import Testing

/// server.md §2–4: bad bodies get the documented status and code and leave the store unchanged.
@Suite struct ServerInputTests {
    static func turnJSON(_ changes: JSONObject = [:]) -> String {
        JSONValue.object(ConformanceFixtures.varying(ConformanceFixtures.fakeTurn, changes)).compactJSON
    }

    @Test func badBodiesAreRefusedWithTheirCodeAndStoreNothing() async throws {
        let store = MemoryStore()
        let server = try await TestServer.start(store: store) {
            $0.limits.maxRecords = 3
            $0.limits.maxBodyBytes = 64 << 10
        }
        let client = RawClient(baseURL: server.baseURL)
        let key = TestKeys.write
        let good = Self.turnJSON()
        let cases:
            [(name: String, body: [UInt8], headers: [(String, String)], type: String?, status: Int, code: String)] = [
                ("malformed JSON", Array("[{".utf8), [], "application/json", 400, "invalid_json"),
                ("not an array", Array("{}".utf8), [], "application/json", 400, "invalid_json"),
                (
                    "truncated gzip", Array(Gzip.deflate(Array("[\(good)]".utf8)).dropLast(9)),
                    [("Content-Encoding", "gzip")], "application/json", 400, "invalid_json"
                ),
                (
                    "missing field", Array("[\(good),\(Self.turnJSON(["sessionId": nil]))]".utf8), [],
                    "application/json", 400,
                    "invalid_record"
                ),
                (
                    "wrong type", Array("[\(Self.turnJSON(["turnIndex": "zero"]))]".utf8), [], "application/json", 400,
                    "invalid_record"
                ),
                (
                    "oversize body", Array(("[" + String(repeating: " ", count: 70 << 10) + "]").utf8), [],
                    "application/json", 413, "body_too_large"
                ),
                (
                    "gzip bomb", Gzip.deflate(Array(("[" + String(repeating: " ", count: 10 << 20) + "]").utf8)),
                    [("Content-Encoding", "gzip")], "application/json", 413, "body_too_large"
                ),
                (
                    "too many records", Array("[\(good),\(good),\(good),\(good)]".utf8), [], "application/json", 413,
                    "too_many_records"
                ),
                ("wrong content type", Array("[\(good)]".utf8), [], "text/plain", 415, "unsupported_media_type"),
                (
                    "unknown encoding", Array("[\(good)]".utf8), [("Content-Encoding", "br")], "application/json", 415,
                    "unsupported_media_type"
                ),
            ]
        for test in cases {
            let reply = try await client.send(
                .POST, "/v1/turns", key: key, headers: test.headers, body: test.body, contentType: test.type)
            #expect(reply.status == test.status, "\(test.name): \(reply.text)")
            #expect(reply.errorCode == test.code, "\(test.name)")
            #expect(reply.json?["error"]?["requestId"]?.stringValue?.isEmpty == false, "\(test.name)")
        }
        let missing = try await client.send(
            .POST, "/v1/turns", key: key, body: Array("[\(good),\(Self.turnJSON(["sessionId": nil]))]".utf8))
        #expect(missing.json?["error"]?["index"]?.integerValue == 1)
        #expect(missing.json?["error"]?["field"]?.stringValue == "sessionId")
        let unsafe = JSONValue.object(
            ConformanceFixtures.varying(ConformanceFixtures.fakeContent, ["sessionId": "../../etc"])
        ).compactJSON
        let content = try await client.post("/v1/content", key: key, json: "[\(unsafe)]")
        #expect(content.status == 400)
        #expect(content.errorCode == "invalid_record")
        var turns = 0
        for try await _ in store.query(TurnRecord.self, LedgerQuery()) { turns += 1 }
        #expect(turns == 0, "the store is unchanged")
        #expect(try await store.listContentSessionIds().isEmpty)
        await server.stop()
    }

    @Test func appendsAreIdempotentAndAnEmptyArrayIsFine() async throws {
        let server = try await TestServer.start(store: MemoryStore())
        let client = RawClient(baseURL: server.baseURL)
        let body = "[\(Self.turnJSON()),\(Self.turnJSON(["messageId": "msg-2", "turnIndex": 1]))]"
        let first = try await client.post("/v1/turns", key: TestKeys.write, json: body)
        #expect(first.json?["received"]?.integerValue == 2)
        #expect(first.json?["inserted"]?.integerValue == 2)
        let again = try await client.send(
            .POST, "/v1/turns", key: TestKeys.write, headers: [("Content-Encoding", "gzip")],
            body: Gzip.deflate(Array(body.utf8)), contentType: "application/json; charset=utf-8")
        #expect(again.status == 200)
        #expect(again.json?["inserted"]?.integerValue == 0)
        let empty = try await client.post("/v1/turns", key: TestKeys.write, json: "[]")
        #expect(empty.text == #"{"received":0,"inserted":0}"# + "\n")
        let ingest = try await client.post(
            "/v1/ingest", key: TestKeys.write,
            json:
                #"{"machine":{"host":"ci"},"records":[{"v":1,"kind":"turn","record":\#(Self.turnJSON(["messageId": "msg-3", "turnIndex": 2]))}]}"#
        )
        #expect(ingest.json?["accepted"]?.integerValue == 1, "\(ingest.text)")
        await server.stop()
    }

    @Test func routingHeadersAndErrorShape() async throws {
        let server = try await TestServer.start(store: MemoryStore())
        let client = RawClient(baseURL: server.baseURL)
        let unknown = try await client.get("/v1/widgets", key: TestKeys.read)
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "not_found")
        let method = try await client.send(.DELETE, "/v1/turns", key: TestKeys.admin)
        #expect(method.status == 405)
        #expect(method.headers["Allow"].first == "GET, POST")
        #expect(method.errorCode == "method_not_allowed")
        let echoed = try await client.send(
            .GET, "/v1/limits", key: TestKeys.read, headers: [("X-Request-Id", "abc-123")])
        #expect(echoed.headers["X-Request-Id"].first == "abc-123")
        #expect(echoed.headers["Cache-Control"].first == "no-store")
        #expect(echoed.json?["maxRecords"]?.integerValue == 5_000)
        let minted = try await client.send(
            .GET, "/v1/limits", key: TestKeys.read, headers: [("X-Request-Id", "bad id!")])
        #expect(minted.headers["X-Request-Id"].first?.hasPrefix("req_") == true)
        let query = try await client.get("/v1/turns?bogus=1", key: TestKeys.read)
        #expect(query.status == 400)
        #expect(query.errorCode == "invalid_query")
        let lock = try await client.post("/v1/locks/bad%20name/acquire", key: TestKeys.write, json: "{}")
        #expect(lock.errorCode == "invalid_lock_name")
        let metrics = try await client.get("/metrics", key: TestKeys.read)
        #expect(metrics.text.contains("relayburn_http_requests_total"))
        await server.stop()
    }
}

/// What a client sends is echoed in an error only short and printable: no megabyte query values, no control
/// characters in replies or logs.
@Suite struct EchoedInputTests {
    @Test func errorMessagesQuoteClientTextCappedAndPrintable() async throws {
        let server = try await TestServer.start(store: MemoryStore())
        let client = RawClient(baseURL: server.baseURL)
        let long = String(repeating: "x", count: 5_000)
        let reply = try await client.get("/v1/summary?by=\(long)", key: TestKeys.read)
        #expect(reply.status == 400)
        let message = reply.json?["error"]?["message"]?.stringValue ?? ""
        #expect(message.count < 200, "\(message.count) characters")
        #expect(message.contains("\"" + String(repeating: "x", count: 64) + "…\""), "\(message)")
        let control = try await client.get("/v1/turns?includeTwins=%1B%5B31mred", key: TestKeys.read)
        let controlMessage = control.json?["error"]?["message"]?.stringValue ?? ""
        #expect(control.status == 400)
        #expect(!controlMessage.unicodeScalars.contains { $0.value < 0x20 }, "\(controlMessage)")
        await server.stop()
    }
}
