public import RelayburnSchema

/// What went wrong talking to a relayburn server: a stable ``code`` plus the route, status and request id involved.
///
/// ``description`` is one sentence naming the server by its redacted URL; it never holds the API key or a request
/// body. ``errorCode`` passes the server's own code through for refusals (`invalid_record`, `insufficient_scope`,
/// …), so the CLI reports a remote refusal as it would a local one.
public struct HTTPStoreError: RelayburnError, CustomDebugStringConvertible {
    /// The kind of failure; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String {
            case invalidURL = "invalid_url"
            case unauthorized
            case rejected
            case retriesExhausted = "store_unavailable"
            case recordTooLarge = "record_too_large"
            case leaseLost = "lease_lost"
            case malformedResponse = "malformed_response"
            case unsupported = "unsupported_over_http"
            case transportFailed = "transport_failed"
            case invalidLockName = "invalid_lock_name"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The base URL is not an http(s) URL with a host.
        public static let invalidURL = Code(.invalidURL)
        /// The server answered 401: the key is missing, wrong or revoked.
        public static let unauthorized = Code(.unauthorized)
        /// The server refused the request with a status that retrying cannot change (4xx but 408 and 429, 501).
        public static let rejected = Code(.rejected)
        /// Every retry within the budget failed.
        public static let retriesExhausted = Code(.retriesExhausted)
        /// One record alone is larger than the server accepts in a request.
        public static let recordTooLarge = Code(.recordTooLarge)
        /// A lease could not be renewed, so the lock may be held by someone else now.
        public static let leaseLost = Code(.leaseLost)
        /// The server sent something that is not what the route promises.
        public static let malformedResponse = Code(.malformedResponse)
        /// The operation cannot be carried over http.
        public static let unsupported = Code(.unsupported)
        /// The request failed in a way no retry can fix (TLS, a closed client, …).
        public static let transportFailed = Code(.transportFailed)
        /// A lock name the server would refuse.
        public static let invalidLockName = Code(.invalidLockName)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let description: String
    /// The HTTP status the error came with, if any.
    public let status: Int?
    /// The server's `error.code`, if it sent one.
    public let serverCode: String?
    /// The `X-Request-Id` of the response, to find the server's log line.
    public let requestId: String?
    /// What led to the error when the sentence leaves it out (why a lease was lost).
    public let detail: String?

    init(
        _ code: Code, _ description: String, status: Int? = nil, serverCode: String? = nil, requestId: String? = nil,
        detail: String? = nil
    ) {
        self.code = code
        self.description = description
        self.status = status
        self.serverCode = serverCode
        self.requestId = requestId
        self.detail = detail
    }

    public var errorCode: String {
        if code == .rejected, let serverCode { return serverCode }
        return code.description
    }

    public var debugDescription: String {
        var parts = ["HTTPStoreError(\(code)", "status: \(status.map(String.init) ?? "none")"]
        if let serverCode { parts.append("server code: \(serverCode)") }
        if let requestId { parts.append("request id: \(requestId)") }
        if let detail { parts.append("detail: \(detail)") }
        return parts.joined(separator: ", ") + "): " + description
    }
}
