import AsyncHTTPClient
import NIOHTTP1

/// One request as the store means it, before retries: what to send and how to name it in messages.
struct WireRequest: Sendable {
    var method: HTTPMethod
    /// `/v1/...`, with its query string if any.
    var path: String
    /// The JSON body, already compressed when ``gzipped``.
    var body: [UInt8]?
    var gzipped = false
    /// Further headers (`Idempotency-Key`).
    var headers: [(name: String, value: String)] = []
    /// How long the server may legitimately hold the request before answering (a lock acquire's wait), added to
    /// the response head deadline.
    var serverWait: Duration = .zero

    init(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.body = body
    }

    /// `POST /v1/turns`: method and path without the query, which may hold filter values.
    var route: String {
        let bare = path.firstIndex(of: "?").map { String(path[..<$0]) } ?? path
        return "\(method.rawValue) \(bare)"
    }
}

/// A response read whole: its status, headers and body.
struct WireReply: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    /// The server's id for the request, to find its log line.
    var requestId: String? { headers.first(name: "X-Request-Id") }
}
