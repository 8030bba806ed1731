import Foundation
import RelayburnLedger
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// The server's body deadline and its in-flight body budget, against a real `relayburn server` process: these are
    /// timing tests, and a server of its own keeps its event loops out of the test process's busy cooperative pool
    /// (the client side runs on threads of its own, see ``SlowBody``).
    @Suite struct ServerSlowBodyTests {
        static let turn = "[\(JSONValue.object(ConformanceFixtures.fakeTurn).compactJSON)]"

        /// A body that keeps arriving, a byte at a time, well past `--body-timeout` is answered 408 before it ends.
        @Test func aBodyThatDribblesInPastItsDeadlineIs408() async throws {
            let server = try ServerProcess.start(store: "memory:", options: ["--body-timeout", "300"])
            defer { server.kill() }
            let reply = await SlowBody.post(
                port: server.port, path: "/v1/turns", key: ServerProcess.key,
                chunks: ["[", " ", " ", " ", " ", " ", "]"],
                pauseMs: 300)
            #expect(reply.hasPrefix("HTTP/1.1 408"), "\(reply.prefix(200))")
        }

        /// Bodies held at once are bounded across requests: while one slow body holds the budget, another append is
        /// 503 `server_busy` with `Retry-After`; once it is gone the next append is stored, and the gauge is back at 0.
        @Test func bodiesInFlightPastTheBudgetAre503ServerBusy() async throws {
            let directory = try TemporaryDirectory.make()
            let store = "sqlite:\(directory)/burn.sqlite"
            let server = try ServerProcess.start(
                store: store, options: ["--max-body-bytes-in-flight", "4096", "--body-timeout", "20000"])
            defer { server.kill() }
            let filler = String(repeating: " ", count: 4_000)
            let port = server.port
            // Holds 4,000 of the 4,096 bytes for about four seconds, then completes as an empty append.
            let slow = Task {
                await SlowBody.post(
                    port: port, path: "/v1/turns", key: ServerProcess.key, chunks: [filler, "[", "]"],
                    pauseMs: 2_000)
            }
            try await Self.waitUntil {
                await Self.metrics(server).contains("relayburn_body_bytes_in_flight 4000\n")
            }
            let busy = await SlowBody.exchange(
                port: server.port, method: "POST", path: "/v1/turns", key: ServerProcess.key, body: Self.turn)
            #expect(busy.hasPrefix("HTTP/1.1 503"), "\(busy.prefix(300))")
            #expect(busy.contains("\"server_busy\""), "\(busy.prefix(300))")
            #expect(busy.lowercased().contains("retry-after: 1\r\n"), "\(busy.prefix(300))")
            let slowReply = await slow.value
            #expect(slowReply.hasPrefix("HTTP/1.1 200"), "\(slowReply.prefix(200))")
            try await Self.waitUntil {
                await SlowBody.exchange(
                    port: server.port, method: "POST", path: "/v1/turns", key: ServerProcess.key, body: Self.turn
                ).hasPrefix("HTTP/1.1 200")
            }
            #expect(await Self.metrics(server).contains("relayburn_body_bytes_in_flight 0\n"))
            let stored = try RelayburnProcess.run(["query", "turns", "--store", store])
            #expect(
                stored.stdout.split(separator: "\n").count == 1, "the refused append stored nothing: \(stored.stdout)")
        }

        static func metrics(_ server: ServerProcess) async -> String {
            await SlowBody.exchange(port: server.port, method: "GET", path: "/metrics", key: ServerProcess.key)
        }

        static func waitUntil(within limit: Duration = .seconds(15), _ condition: () async throws -> Bool) async throws
        {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                if try await condition() { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("condition not met within \(limit)")
        }
    }
}
