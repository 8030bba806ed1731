import NIOHTTP1
import RelayburnLedger
import RelayburnSQLite
import RelayburnServer
import RelayburnTestSupport
import RelayburnWire
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// server.md §2–3: a store that cannot answer is 503 with `Retry-After`, and open streams are capped.
@Suite struct ServerCapacityTests {
    @Test func anUnavailableStoreIs503WithRetryAfterNever500() async throws {
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        let store = try await SQLiteStore.open(path: path, appliedBy: "capacity test")
        let server = try await TestServer.start(store: store)
        await store.close()
        let client = RawClient(baseURL: server.baseURL)
        let append = try await client.post("/v1/turns", key: TestKeys.write, json: "[\(ServerInputTests.turnJSON())]")
        #expect(append.status == 503, "\(append.text)")
        #expect(append.errorCode == "store_unavailable")
        #expect(append.headers["Retry-After"].first == "1")
        let ready = try await client.get("/readyz", key: nil)
        #expect(ready.status == 503)
        await server.stop()
    }

    @Test func streamsBeyondTheCapAre503TooManyStreams() async throws {
        let store = try await Self.storeOfLargeTurns()
        let server = try await TestServer.start(store: store) { $0.maxStreams = 1 }
        // A client that asks for a stream and never reads it holds the one slot while the server waits on it.
        let socket = try StalledReader.open(port: server.port, path: "/v1/turns", key: TestKeys.read)
        let client = RawClient(baseURL: server.baseURL)
        // Once the server has started that stream it stays open: the connection takes no more bytes.
        try await waitUntil {
            try await client.get("/metrics", key: TestKeys.read).text.contains("relayburn_open_streams 1\n")
        }
        try await Task.sleep(for: .milliseconds(500))
        let second = try await client.get("/v1/compactions", key: TestKeys.read)
        #expect(second.status == 503, "\(second.text)")
        #expect(second.errorCode == "too_many_streams")
        #expect(second.headers["Retry-After"].first != nil)
        close(socket)
        await server.stop()
        await store.close()
    }

    /// A slow-loris body (one byte just inside the idle timeout) to a request answered without reading it (401),
    /// or still arriving after its 408, is cut at twice the body timeout (at least 1 s past it): it cannot hold a
    /// connection slot for ever, and a well-behaved client gets the slot once it is cut.
    @Test(arguments: [nil, TestKeys.write])
    func aBodyThatNeverFinishesArrivingLosesItsConnection(key: String?) async throws {
        let server = try await TestServer.start(store: MemoryStore()) {
            $0.bodyTimeoutMs = 300
            $0.idleTimeoutMs = 60_000
            $0.maxConnections = 1
        }
        let held = try await SlowBody.dripUntilClosed(
            port: server.port, path: "/v1/turns", key: key, length: 1_000, pauseMs: 100, limit: .seconds(20))
        let kept = try #require(held, "the server kept a dribbling request open for 20 s")
        #expect(kept >= .milliseconds(300))
        let next = try await RawClient(baseURL: server.baseURL).get("/v1/limits", key: TestKeys.read)
        #expect(next.status == 200, "\(next.text)")
        await server.stop()
    }

    /// A client that opens a stream and never reads is cut after the idle timeout, giving its slot back.
    @Test func aStreamWhoseClientStopsReadingIsCutAndFreesItsSlot() async throws {
        let store = try await Self.storeOfLargeTurns()
        let server = try await TestServer.start(store: store) {
            $0.maxStreams = 1
            $0.idleTimeoutMs = 1_000
        }
        let socket = try StalledReader.open(port: server.port, path: "/v1/turns", key: TestKeys.read)
        let client = RawClient(baseURL: server.baseURL)
        try await waitUntil {
            try await client.get("/metrics", key: TestKeys.read).text.contains("relayburn_open_streams 1\n")
        }
        // The stalled write waits the idle timeout, then the connection is closed and the slot is free again.
        try await waitUntil {
            try await client.get("/metrics", key: TestKeys.read).text.contains("relayburn_open_streams 0\n")
        }
        let next = try await client.get("/v1/compactions", key: TestKeys.read)
        #expect(next.status == 200, "\(next.text)")
        close(socket)
        await server.stop()
        await store.close()
    }

    /// A SQLite store of 5000 distinct turns, ~50 MB of NDJSON: more than socket buffers take unread.
    static func storeOfLargeTurns() async throws -> SQLiteStore {
        let store = try await SQLiteStore.open(
            path: try TemporaryDirectory.make() + "/burn.sqlite", appliedBy: "capacity test")
        var turns: [TurnRecord] = []
        let padding = JSONValue.string(String(repeating: "x", count: 10_000))
        for index in 0..<5_000 {
            turns.append(
                try ConformanceFixtures.turn([
                    "messageId": .string("msg-\(index)"), "turnIndex": .integer(Int64(index)), "padding": padding,
                    "usage": [
                        "input": .integer(Int64(index)), "output": 1, "reasoning": 0, "cacheRead": 0,
                        "cacheCreate5m": 0, "cacheCreate1h": 0,
                    ],
                ]))
        }
        _ = try await store.append(turns)
        return store
    }
}

/// A raw connection that sends one GET and then reads nothing.
enum StalledReader {
    static func open(port: Int, path: String, key: String) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var receiveBuffer: Int32 = 4096
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        let head = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\n\r\n".utf8)
        _ = head.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return socket
    }
}
