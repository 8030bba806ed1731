import ArgumentParser
import RelayburnLedger
import RelayburnSchema
import RelayburnStore
import RelayburnWire

/// `relayburn server [--host H] [--port P] [limits…]`: the collector of DESIGN §8 and server.md.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Serve the configured store over HTTP to hosts that must not hold database credentials.",
        discussion: """
            Keys: RELAYBURN_API_KEYS (comma-separated; each a raw key or sha256:<hex>, optionally NAME[:SCOPES]=KEY, \
            scopes read, write, admin joined by +) and the keys `relayburn keys create` stores in the database, \
            re-read every 2 s. The server refuses to start with no key at all unless --insecure-no-auth. Every \
            limit also reads RELAYBURN_SERVER_<NAME> (e.g. RELAYBURN_SERVER_MAX_RECORDS); flags win. Migrations \
            run before the listener opens. SIGTERM: /readyz turns 503, in-flight requests finish, open streams \
            are cut after 25 s, leases are released, the store is closed. One JSON access-log line per request \
            goes to standard output.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on (0 picks a free one, printed at start).") var port: Int?
    @Option(help: "Largest request body after decompression, in bytes (default 16777216).")
    var maxBodyBytes: Int?
    @Option(help: "Most records in one append (default 5000).") var maxRecords: Int?
    @Option(help: "Request-body bytes all requests may hold at once (default 268435456).")
    var maxBodyBytesInFlight: Int?
    @Option(help: "Milliseconds a request body may take to arrive (default 60000).") var bodyTimeout: Int64?
    @Option(help: "Milliseconds before an idle connection is closed (default 30000).") var idleTimeout: Int64?
    @Option(help: "Most NDJSON streams open at once (default 32).") var maxStreams: Int?
    @Option(help: "Most connections at once (default 1024).") var maxConnections: Int?
    @Flag(help: "Serve without checking keys. Only for a loopback test; every client gets every scope.")
    var insecureNoAuth = false

    func run() async throws {
        guard let runServer = NetworkHandoff.serverRunner.current else { try NetworkHandoff.handOff() }
        let environment = StoreConnector.processEnvironment()
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        var settings = try resolve(environment)
        switch context.location {
        case .http:
            throw CommandFailure.usage(
                "a server cannot be backed by another server; point --store at a sqlite: or postgres:// store")
        case .memory:
            Console.error("WARNING: serving the memory: store; NOTHING IS PERSISTED and every record is lost at exit")
        default: break
        }
        let opened: any StorageAdapter
        do {
            var storeSettings = context.settings
            storeSettings.requiredSchemaVersion = LedgerSchema.collectorRequiredVersion
            // Each lease held on PostgreSQL pins a session: more than a CLI's pool, far fewer than --max-leases.
            storeSettings.postgresLockSessions =
                storeSettings.postgresLockSessions ?? min(settings.maxLeases, Self.defaultLockSessions)
            // A lease held on SQLite is a lock row the server renews; if the server is killed, the row must
            // free about as soon as its leases would have expired, not after a CLI's 30 s.
            storeSettings.lockLeaseMs = Self.sqliteLockLeaseMs
            opened = try await StoreConnector.openStore(storeSettings)
        } catch {
            throw CommandFailure.failure(CommandContext.sentence(for: error))
        }
        if !settings.insecureNoAuth && settings.configuredKeys.isEmpty {
            let stored = (try? await (opened as? any CollectorStore)?.listAPIKeys()) ?? []
            if !stored.contains(where: { $0.revokedAt == nil }) {
                await opened.close()
                throw CommandFailure.usage(
                    "no API key is configured: set RELAYBURN_API_KEYS or run `relayburn keys create`, or pass "
                        + "--insecure-no-auth for a loopback test")
            }
        }
        if settings.insecureNoAuth { Console.error("WARNING: --insecure-no-auth: every request is accepted") }
        settings.accessLog = StandardStreams.writeLine
        let where_ = context.location.redactedDescription
        let host = settings.host
        do {
            try await runServer(settings, opened) { port in
                Console.error("listening on http://\(host):\(port) (store \(where_))")
            }
        } catch {
            throw CommandFailure.failure("the server stopped: \(CommandContext.sentence(for: error))")
        }
    }

    /// PostgreSQL sessions for lease holders when `RELAYBURN_POSTGRES_LOCK_SESSIONS` is unset.
    static let defaultLockSessions = 16

    /// How long a killed server's SQLite lock rows block others (renewed every third of it while held).
    static let sqliteLockLeaseMs: Int64 = 3_000

    /// Flags over `RELAYBURN_SERVER_*` over the defaults.
    func resolve(_ environment: [String: String]) throws -> ServerSettings {
        var settings = ServerSettings()
        func number<T: FixedWidthInteger>(_ flag: T?, _ variable: String, _ range: ClosedRange<T>) throws -> T? {
            if let flag {
                guard range.contains(flag) else {
                    throw CommandFailure.usage(
                        "--\(Self.flagName(variable)) must be from \(range.lowerBound) to \(range.upperBound)")
                }
                return flag
            }
            guard let text = environment["RELAYBURN_SERVER_\(variable)"], !text.isEmpty else { return nil }
            guard let value = T(text), range.contains(value) else {
                throw CommandFailure.usage(
                    "RELAYBURN_SERVER_\(variable) is \"\(text)\"; set a whole number from \(range.lowerBound) to "
                        + "\(range.upperBound)")
            }
            return value
        }
        settings.host = host ?? environment["RELAYBURN_SERVER_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        if let value = try number(port, "PORT", 0...65_535) { settings.port = value }
        if let value = try number(maxBodyBytes, "MAX_BODY_BYTES", 1_024...(1 << 30)) {
            settings.limits.maxBodyBytes = value
        }
        if let value = try number(maxRecords, "MAX_RECORDS", 1...1_000_000) { settings.limits.maxRecords = value }
        if let value = try number(maxBodyBytesInFlight, "MAX_BODY_BYTES_IN_FLIGHT", 1_024...(1 << 40)) {
            settings.maxBodyBytesInFlight = value
        }
        if let value = try number(bodyTimeout, "BODY_TIMEOUT_MS", 100...3_600_000) { settings.bodyTimeoutMs = value }
        if let value = try number(idleTimeout, "IDLE_TIMEOUT_MS", 100...3_600_000) { settings.idleTimeoutMs = value }
        if let value = try number(maxStreams, "MAX_STREAMS", 1...10_000) { settings.maxStreams = value }
        if let value = try number(maxConnections, "MAX_CONNECTIONS", 1...100_000) { settings.maxConnections = value }
        settings.insecureNoAuth = insecureNoAuth
        do {
            settings.configuredKeys = try ConfiguredKeys.parse(environment["RELAYBURN_API_KEYS"] ?? "")
        } catch {
            throw CommandFailure.usage(error.description)
        }
        return settings
    }

    static func flagName(_ variable: String) -> String {
        variable.replacing("_MS", with: "").lowercased().replacing("_", with: "-")
    }
}
