import AsyncHTTPClient
import NIOCore
import NIOHTTP1
public import RelayburnLedger
import RelayburnSchema
public import RelayburnWire

/// The `http` adapter: a ``StorageAdapter`` whose records live behind a relayburn server (server.md).
///
/// Every operation is one or more requests to `/v1`, retried as server.md §8 says; appends are idempotent, so a
/// retried batch whose answer was lost is harmless, and a broken stream resumes after the last record it
/// delivered. One `HTTPClient` with its own connection pool serves all calls; ``close()`` shuts it down.
public final class HTTPStore: StorageAdapter {
    let transport: HTTPTransport
    /// What the server enforces, read once at ``open(baseURL:apiKey:options:)``.
    public let limits: ServerLimits
    public let options: HTTPStoreOptions

    init(transport: HTTPTransport, limits: ServerLimits) {
        self.transport = transport
        self.limits = limits
        self.options = transport.options
    }

    /// Connects to the relayburn server at `baseURL` and reads its limits, which also checks the key early.
    ///
    /// - Parameters:
    ///   - baseURL: `http://HOST[:PORT][/PREFIX]` or `https://…`; the `/v1` routes are appended.
    ///   - apiKey: Sent as `Authorization: Bearer`; `nil` sends none.
    ///   - options: Batching, timeouts and retries.
    ///   - onRetry: Told of every retry in one sentence (the CLI prints it), so a wait is never silent.
    /// - Throws: ``HTTPStoreError`` `invalidURL` (naming the URL with any password removed), `unauthorized` for a
    ///   rejected key, `retriesExhausted` when the server stays unreachable, `malformedResponse` when it does not
    ///   publish `/v1/limits`.
    public static func open(
        baseURL: String, apiKey: String?, options: HTTPStoreOptions = .init(),
        onRetry: (@Sendable (String) -> Void)? = nil
    ) async throws -> HTTPStore {
        let server = try ServerURL(baseURL)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(Backoff.nanoseconds(options.connectTimeout)),
            read: .nanoseconds(Backoff.nanoseconds(options.readTimeout)))
        // Our retry loop owns reconnecting: the pool's own retries would wait out the whole deadline on a refused
        // connection, with its own backoff and no budget.
        configuration.connectionPool.retryConnectionEstablishment = false
        // A relayburn server never redirects; following one would resend a key and a body to another place.
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var transport = HTTPTransport(client: client, server: server, apiKey: apiKey, options: options)
        transport.onRetry = onRetry
        do {
            let request = WireRequest(.GET, "/v1/limits")
            let reply = try await transport.send(request)
            guard let limits = ServerLimits(json: reply.body) else {
                throw HTTPStoreError(
                    .malformedResponse,
                    "\(server.redacted) answered GET /v1/limits without maxBodyBytes, maxRecords and maxLeaseTtlMs; "
                        + "check that the URL names a relayburn server",
                    status: reply.status, requestId: reply.requestId)
            }
            return HTTPStore(transport: transport, limits: limits)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The redacted base URL, for messages.
    public var serverDescription: String { transport.server.redacted }

    /// As many as one append sends in parallel: a bulk producer keeping this many appends in flight fills the same
    /// number of connections.
    public var appendConcurrency: Int { max(1, options.batchesInFlight) }

    /// Shuts the HTTP client down; calls made afterwards throw `StoreClosedError`.
    public func close() async {
        try? await transport.client.shutdown()
    }

    deinit {
        // A store dropped without close() still frees its connections: AsyncHTTPClient traps (in debug builds) when a
        // client that was never shut down is deinitialised. Shutting down a closed client only reports an error.
        _ = transport.client.shutdown()
    }
}
