import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
import RelayburnLedger
import RelayburnSchema
import RelayburnWire

/// The server's request handling, independent of how it listens: routing, keys and scopes, the error shape,
/// request ids, `Cache-Control`, metrics and the access log around every handler of server.md §1.
final class CollectorServer: Sendable {
    let store: any StorageAdapter
    let settings: ServerSettings
    let keys: KeyRing
    let metrics = ServerMetrics()
    let leases: LeaseManager
    let streams: StreamGate
    let bodies: BodyBudget
    private let state = NIOLockedValueBox(Lifecycle())

    struct Lifecycle {
        var shuttingDown = false
        var readyCheck: (atMs: Int64, failure: String?)?
    }

    init(store: any StorageAdapter, settings: ServerSettings) {
        self.store = store
        self.settings = settings
        keys = KeyRing(
            configured: settings.configuredKeys, store: store as? any CollectorStore, maxAgeMs: settings.keyMaxAgeMs)
        leases = LeaseManager(store: store, maxLeases: settings.maxLeases)
        streams = StreamGate(limit: settings.maxStreams)
        bodies = BodyBudget(limit: settings.maxBodyBytesInFlight)
    }

    var isShuttingDown: Bool { state.withLockedValue { $0.shuttingDown } }

    /// From SIGTERM on, `/readyz` answers 503 and new requests `shutting_down`.
    func beginShutdown() { state.withLockedValue { $0.shuttingDown = true } }

    func respond(to request: Request, context: CollectorRequestContext) async -> Response {
        let started = ContinuousClock.now
        let requestId = Self.requestId(request.headers[HTTPField.Name("X-Request-Id")!])
        var log = AccessLogLine(requestId: requestId, method: request.method.rawValue, remote: context.remoteAddress)
        let reply: ServerReply
        let route = ServerRoute(path: request.uri.path)
        log.route = route?.template ?? "unmatched"
        do throws(WireError) {
            reply = try await handle(request, route: route, requestId: requestId, log: &log)
        } catch {
            reply = .error(error, requestId: requestId)
            metrics.recordRejection(error.code)
        }
        log.status = reply.status
        log.received = reply.received
        log.inserted = reply.inserted
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[HTTPField.Name("X-Request-Id")!] = requestId
        if route != .healthz && route != .readyz { headers[.cacheControl] = "no-store" }
        for (name, value) in reply.headers { headers[HTTPField.Name(name)!] = value }
        let seconds = Double((ContinuousClock.now - started).milliseconds) / 1000
        metrics.recordRequest(route: log.route, method: log.method, status: reply.status, seconds: seconds)
        switch reply.body {
        case .bytes(let bytes):
            log.bytesOut = bytes.count
            log.durationMs = (ContinuousClock.now - started).milliseconds
            settings.accessLog(log.json)
            headers[.contentLength] = String(bytes.count)
            return Response(
                status: .init(code: reply.status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .stream(let write):
            let accessLog = settings.accessLog
            let finalLog = log
            let channel = context.channel
            // A client that takes no bytes for the idle timeout is cut, as an idle connection would be.
            let stallTimeout = Duration.milliseconds(settings.idleTimeoutMs)
            return Response(
                status: .init(code: reply.status), headers: headers,
                body: ResponseBody { writer in
                    var line = finalLog
                    do {
                        var watched: any ResponseBodyWriter = StalledWriteWatchdog(
                            base: writer, channel: channel, timeout: stallTimeout)
                        line.bytesOut = try await write(&watched)
                        try await watched.finish(nil)
                    } catch {
                        line.aborted = true
                        line.durationMs = (ContinuousClock.now - started).milliseconds
                        accessLog(line.json)
                        throw error
                    }
                    line.durationMs = (ContinuousClock.now - started).milliseconds
                    accessLog(line.json)
                })
        }
    }

    /// Routes, authenticates and runs one request.
    private func handle(
        _ request: Request, route: ServerRoute?, requestId: String, log: inout AccessLogLine
    ) async throws(WireError) -> ServerReply {
        guard let route else {
            throw .notFound("no route \(request.method.rawValue) \(Self.printablePath(request.uri.path))")
        }
        let method = request.method.rawValue
        guard route.methods.contains(method) else {
            throw WireError(
                status: 405, code: "method_not_allowed",
                message: "\(route.template) answers \(route.methods.joined(separator: ", ")) only",
                details: ["allow": .string(route.methods.joined(separator: ", "))])
        }
        if let scope = route.scope(method: method), !settings.insecureNoAuth {
            guard let key = try keys.authenticate(request.headers[.authorization]) else { throw .unauthorized }
            log.key = key.name
            guard scope.isGranted(by: key.scopes) else { throw .insufficientScope(scope) }
        }
        if isShuttingDown && route != .healthz && route != .readyz {
            throw .shuttingDown
        }
        switch route {
        case .healthz: return .json(["status": "ok"])
        case .readyz: return await readiness()
        case .metrics:
            return ServerReply(
                status: 200, contentType: "text/plain; version=0.0.4",
                body: .bytes(Array(metrics.render(lastKeyUse: keys.lastUse, bodyBytesInFlight: bodies.inUse).utf8)))
        case .limits: return .json(settings.limits.json)
        case .records(let kind) where method == "POST": return try await appendOneKind(kind, request, log: &log)
        case .records(let kind): return try stream(kind, request)
        case .ingest: return try await ingest(request, log: &log)
        case .summary: return try await summary(request)
        case .contentSearch: return try searchContent(request)
        case .contentSessions: return try await contentSessions(request)
        case .contentSession(let id): return try await contentSession(id, request)
        case .prune: return try await prune(request, log: &log)
        case .lock(let name, let action): return try await lock(name, action, request, log: &log)
        }
    }

    /// Store failures as the client should see them: transient ones 503 with `Retry-After` (the client retries),
    /// anything else 500 with the request id — never the store's own message, which may hold SQL.
    func storeFailure(_ error: any Error, operation: String) -> WireError {
        if let wire = error as? WireError { return wire }
        if error is StoreClosedError || error is CancellationError {
            return isShuttingDown ? .shuttingDown : .storeUnavailable("the store is closed; retry shortly")
        }
        if let readOnly = error as? StoreReadOnlyError {
            // The store is ahead of this server's binary: writes wait until the server is upgraded.
            return WireError(
                status: 503, code: "store_unavailable", message: readOnly.description, retryAfterSeconds: 60)
        }
        if let database = error as? DatabaseError, Self.isTransient(database) {
            // The client hears only "retry"; the operator needs the database's own sentence (a full disk, a
            // restarting server) to act. Transient failures carry no bound values, so it is safe to log.
            settings.accessLog(
                JSONValue.object([
                    "level": "warning", "operation": .string(operation), "error": .string(database.errorCode),
                    "message": .string(database.description),
                ]).compactJSON)
            return .storeUnavailable("the store is unavailable (\(operation)); retry shortly")
        }
        settings.accessLog(
            JSONValue.object([
                "level": "error", "operation": .string(operation),
                "error": .string((error as? any RelayburnError)?.errorCode ?? "\(type(of: error))"),
            ]).compactJSON)
        return .internalError
    }

    /// PostgreSQL connection, resource and serialization failures, and SQLite's busy and locked: worth a retry.
    static func isTransient(_ error: DatabaseError) -> Bool {
        let code = error.code
        if code.count == 5 {
            return code.hasPrefix("08") || code.hasPrefix("53") || code.hasPrefix("57P") || code == "40001"
                || code == "40P01"
        }
        guard let sqlite = Int(code) else { return true }
        return sqlite & 0xFF == 5 || sqlite & 0xFF == 6 || sqlite & 0xFF == 13
    }

    /// `/readyz`: not shutting down, and the store answers (checked at most once a second).
    private func readiness() async -> ServerReply {
        if isShuttingDown { return .json(["status": "not_ready", "reason": "shutting down"], status: 503) }
        let now = UTCTimestamp.nowMilliseconds()
        if let cached = state.withLockedValue({ $0.readyCheck }), now - cached.atMs < 1_000 {
            return Self.readinessReply(cached.failure)
        }
        var failure: String?
        do {
            // An indexed lookup of a session that cannot exist: cheap on any store size.
            _ = try await store.readContent(sessionId: "\u{1}readyz", messageId: nil)
        } catch {
            failure = "the store does not answer"
        }
        state.withLockedValue { $0.readyCheck = (now, failure) }
        return Self.readinessReply(failure)
    }

    private static func readinessReply(_ failure: String?) -> ServerReply {
        guard let failure else { return .json(["status": "ready"]) }
        return .json(["status": "not_ready", "reason": .string(failure)], status: 503)
    }

    /// The client's `X-Request-Id` when it is a safe token, else a new one.
    static func requestId(_ given: String?) -> String {
        if let given, (1...64).contains(given.utf8.count), let first = given.utf8.first, isAlphanumeric(first),
            given.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
        {
            return given
        }
        return "req_" + APIKey.randomToken(count: 16)
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// A path for an error message: at most 100 characters, printable ASCII only.
    static func printablePath(_ path: String) -> String {
        String(decoding: path.utf8.prefix(100).filter { (0x21...0x7E).contains($0) }, as: UTF8.self)
    }
}
