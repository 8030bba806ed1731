import Hummingbird
import NIOCore
import RelayburnLedger
import RelayburnWire

/// What a handler answers: a status, a body (whole, or streamed) and what the access log records of it.
struct ServerReply {
    var status: Int
    var contentType: String
    var body: Body
    var headers: [(String, String)] = []
    /// Records received and inserted, for appends.
    var received: Int?
    var inserted: Int?

    enum Body {
        case bytes([UInt8])
        /// Written by the closure, which returns how many bytes it wrote.
        case stream(@Sendable (inout any ResponseBodyWriter) async throws -> Int)
    }

    static func json(_ text: String, status: Int = 200) -> ServerReply {
        ServerReply(status: status, contentType: "application/json", body: .bytes(Array((text + "\n").utf8)))
    }

    static func json(_ value: JSONValue, status: Int = 200) -> ServerReply { json(value.compactJSON, status: status) }

    static func error(_ error: WireError, requestId: String) -> ServerReply {
        var reply = ServerReply(
            status: error.status, contentType: "application/json",
            body: .bytes(Array(error.body(requestId: requestId).utf8)))
        if let seconds = error.retryAfterSeconds { reply.headers.append(("Retry-After", String(seconds))) }
        if error.status == 401 { reply.headers.append(("WWW-Authenticate", "Bearer realm=\"relayburn\"")) }
        if error.status == 408 { reply.headers.append(("Connection", "close")) }
        if error.status == 405, let allow = error.details["allow"]?.stringValue {
            reply.headers.append(("Allow", allow))
        }
        return reply
    }
}
