import Foundation
import RelayburnTestSupport

/// A real `relayburn server` process on loopback, started from the built binary.
final class ServerProcess {
    let handle: RelayburnProcess.Handle
    let port: Int
    static let key = "cli-test-key-\(UInt64.random(in: 0...UInt64.max))"

    var url: String { "http://127.0.0.1:\(port)" }

    /// The environment that points a `relayburn` client at this server.
    var clientEnvironment: [String: String] {
        ["RELAYBURN_STORAGE": "http", "RELAYBURN_SERVER_URL": url, "RELAYBURN_API_KEY": Self.key]
    }

    private init(handle: RelayburnProcess.Handle, port: Int) {
        self.handle = handle
        self.port = port
    }

    /// Starts `relayburn --store STORE server --port PORT [OPTIONS]` and waits for its "listening on" line.
    static func start(
        store: String, port: Int = 0, options: [String] = [], environment: [String: String] = [:]
    ) throws -> ServerProcess {
        var env = ["RELAYBURN_API_KEYS": "tests=\(key)"]
        env.merge(environment) { _, new in new }
        let handle = try RelayburnProcess.start(
            ["--store", store, "server", "--port", String(port)] + options, environment: env)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = handle.stderrSoFar()
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix(while: \.isNumber)
                if let bound = Int(digits) { return ServerProcess(handle: handle, port: bound) }
            }
            // Warnings ("relayburn: …") may come before the listening line: only an exit means it failed.
            if !handle.isRunning {
                let result = try handle.wait()
                throw ServerStartError(message: "the server did not start: \(result.stderr)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        handle.kill()
        throw ServerStartError(message: "the server did not report its port within 30 s")
    }

    func kill() {
        handle.kill()
        _ = try? handle.wait()
    }
}

struct ServerStartError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
