import Hummingbird
import Logging
import RelayburnHTTP
import RelayburnLedger
import RelayburnServer
import RelayburnTestSupport
import RelayburnWire
import ServiceLifecycle
import Synchronization

/// A real collector server on a free loopback port, backed by `store`, run in this process until ``stop()``.
final class TestServer: Sendable {
    let port: Int
    let store: any StorageAdapter
    let log: LogCapture
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(
        port: Int, store: any StorageAdapter, log: LogCapture, group: ServiceGroup, task: Task<Void, any Error>
    ) {
        self.port = port
        self.store = store
        self.log = log
        self.group = group
        self.task = task
    }

    /// Starts a server; `configure` adjusts the settings (keys, limits) first.
    static func start(
        store: any StorageAdapter, keys: [AcceptedKey] = TestKeys.accepted,
        configure: (inout ServerSettings) -> Void = { _ in }
    ) async throws -> TestServer {
        let log = LogCapture()
        var settings = ServerSettings(port: 0, configuredKeys: keys, keyRefreshMs: 200, accessLog: log.append)
        configure(&settings)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let application = buildApplication(settings: settings, store: store) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let group = ServiceGroup(services: [application], logger: Logger(label: "relayburn.test-server"))
        let task = Task { try await group.run() }
        var port = 0
        for await bound in ports { port = bound }
        return TestServer(port: port, store: store, log: log, group: group, task: task)
    }

    /// Stops the listener (the store stays open: the caller owns it).
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The keys every test server accepts, one per scope set.
enum TestKeys {
    static let admin = APIKey.generate()
    static let write = APIKey.generate()
    static let read = APIKey.generate()

    static let accepted: [AcceptedKey] = [
        AcceptedKey(name: "admin", scopes: [.admin], digest: APIKey.digest(admin)),
        AcceptedKey(name: "writer", scopes: [.read, .write], digest: APIKey.digest(write)),
        AcceptedKey(name: "reader", scopes: [.read], digest: APIKey.digest(read)),
    ]
}

/// The access-log lines a test server wrote.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    @Sendable func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}
