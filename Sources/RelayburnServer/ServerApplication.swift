public import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
public import RelayburnLedger
public import RelayburnWire
import ServiceLifecycle
import UnixSignals

/// Builds the collector server's Hummingbird application over `store` (already open and migrated, so no request
/// is served before the schema is current). `onListening` receives the bound port (useful with port 0).
public func buildApplication(
    settings: ServerSettings, store: any StorageAdapter, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    buildCollector(settings: settings, store: store, onListening: onListening).application
}

/// A built server: the application to run and what its shutdown needs.
struct BuiltCollector<App: ApplicationProtocol> {
    let application: App
    let server: CollectorServer
}

func buildCollector(
    settings: ServerSettings, store: any StorageAdapter, onListening: @escaping @Sendable (Int) async -> Void
) -> BuiltCollector<some ApplicationProtocol> {
    let server = CollectorServer(store: store, settings: settings)
    var logger = Logger(label: "relayburn.server")
    logger.logLevel = .warning
    let idle = settings.idleTimeoutMs
    // A body nobody reads is still bounded: the handler's 408 comes first, the close later.
    let arrival = RequestDeadlineHandler.deadline(bodyTimeoutMs: settings.bodyTimeoutMs)
    var application = Application(
        responder: CollectorResponder(server: server),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestDeadlineHandler(deadline: arrival)],
                idleTimeout: .milliseconds(idle))),
        configuration: ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: "relayburn",
            backlog: 256, availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections)),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? settings.port) },
        logger: logger)
    application.addServices(KeyRefresher(server: server))
    // Database keys are read once before the listener opens, so the first request already sees them.
    application.beforeServerStarts { try await server.keys.refresh() }
    return BuiltCollector(application: application, server: server)
}

/// Runs a collector until SIGTERM or SIGINT, then shuts down as server.md §9 says: `/readyz` turns 503 at once,
/// the listener closes and in-flight requests finish, open streams are cut after the grace period (clients
/// resume from their cursors), leases are released and the store is closed.
public func runServer(
    settings: ServerSettings, store: any StorageAdapter, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    let built = buildCollector(settings: settings, store: store, onListening: onListening)
    var logger = Logger(label: "relayburn.server")
    logger.logLevel = .warning
    let group = ServiceGroup(
        configuration: .init(
            services: [
                .init(service: built.application),
                .init(service: ShutdownNotice(server: built.server), successTerminationBehavior: .ignore),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
    await built.server.leases.releaseAll()
    await store.close()
}

/// The responder Hummingbird calls: every request goes to ``CollectorServer``.
struct CollectorResponder: HTTPResponder {
    typealias Context = CollectorRequestContext
    let server: CollectorServer

    func respond(to request: Request, context: CollectorRequestContext) async throws -> Response {
        await server.respond(to: request, context: context)
    }
}

/// Shut down first (services stop in reverse order): marks the server as shutting down before the listener
/// closes, and cuts the streams still open once the grace period has passed.
struct ShutdownNotice: Service {
    let server: CollectorServer

    func run() async throws {
        try? await gracefulShutdown()
        server.beginShutdown()
        let streams = server.streams
        let graceMs = server.settings.shutdownGraceMs
        Task.detached {
            try? await Task.sleep(for: .milliseconds(graceMs))
            streams.cancelAll()
        }
    }
}

/// Re-reads the database's keys every ``ServerSettings/keyRefreshMs`` until shutdown.
struct KeyRefresher: Service {
    let server: CollectorServer

    func run() async throws {
        let interval = server.settings.keyRefreshMs
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(interval))
                do {
                    try await server.keys.refresh()
                } catch {
                    server.settings.accessLog(
                        #"{"level":"warning","message":"could not re-read the database's API keys; keeping the last set"}"#
                    )
                }
            }
        }
    }
}
