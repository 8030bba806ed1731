import Hummingbird
import NIOCore
import RelayburnSchema
import RelayburnWire

/// Reads an append's body under the limits of server.md §2–3: the media type and encoding checked first, the
/// whole body within ``ServerSettings/bodyTimeoutMs`` (a slow drip is 408, which Hummingbird's idle timeout
/// alone would let through), and the size limit applied to the decompressed bytes while they grow.
struct RequestBodyReader {
    let maxBytes: Int
    let timeoutMs: Int64
    /// Shared by every request: wire and inflated bytes count against it while the body is held.
    let budget: BodyBudget

    /// What was read: the bytes to parse and the wire and decompressed sizes for the access log.
    struct Body {
        var bytes: [UInt8]
        var wireBytes: Int
        /// The budget these bytes hold, given back when the body is dropped.
        let reservation: BodyReservation
    }

    func read(_ request: Request) async throws(WireError) -> Body {
        try Self.checkContentType(request.headers[.contentType])
        let gzip = try Self.isGzip(request.headers[.contentEncoding])
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw .bodyTooLarge(limit: maxBytes)
        }
        let reservation = BodyReservation(budget: budget)
        let wire = try await collect(request.body, into: reservation)
        guard gzip else { return Body(bytes: wire, wireBytes: wire.count, reservation: reservation) }
        let inflated: [UInt8]
        do {
            inflated = try Gzip.inflate(wire, limit: maxBytes)
        } catch .tooLarge {
            throw .bodyTooLarge(limit: maxBytes)
        } catch {
            guard case .corrupt(let reason) = error else { throw .bodyTooLarge(limit: maxBytes) }
            throw .invalidJSON("\(reason); send a complete gzip body or drop Content-Encoding")
        }
        try reservation.grow(inflated.count)
        return Body(bytes: inflated, wireBytes: wire.count, reservation: reservation)
    }

    /// The raw body, refused once it passes `maxBytes` (compressed bytes count against the same limit: gzip never
    /// makes a body bigger by more than a few bytes) or the deadline.
    private func collect(_ body: RequestBody, into reservation: BodyReservation) async throws(WireError) -> [UInt8] {
        let limit = maxBytes
        let timeout = timeoutMs
        do {
            return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
                group.addTask {
                    var bytes: [UInt8] = []
                    for try await buffer in body {
                        if bytes.count + buffer.readableBytes > limit { throw WireError.bodyTooLarge(limit: limit) }
                        try reservation.grow(buffer.readableBytes)
                        bytes.append(contentsOf: buffer.readableBytesView)
                    }
                    return bytes
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(timeout))
                    return nil
                }
                let first = try await group.next()!
                group.cancelAll()
                guard let bytes = first else {
                    throw WireError(
                        status: 408, code: "request_timeout",
                        message: "the request body did not arrive within \(timeout) ms; send it at once")
                }
                return bytes
            }
        } catch let error as WireError {
            throw error
        } catch {
            throw .invalidJSON("the request body could not be read: the connection broke off")
        }
    }

    static func checkContentType(_ value: String?) throws(WireError) {
        let media = value?.split(separator: ";").first.map { $0.trimmingCharacters(in: " \t").lowercased() }
        guard media == "application/json" else {
            throw WireError(
                status: 415, code: "unsupported_media_type",
                message:
                    "send the body as Content-Type: application/json (got \(media.map(QueryString.echo) ?? "none"))")
        }
    }

    static func isGzip(_ value: String?) throws(WireError) -> Bool {
        guard let value else { return false }
        switch value.trimmingCharacters(in: " \t").lowercased() {
        case "identity", "": return false
        case "gzip", "x-gzip": return true
        default:
            throw WireError(
                status: 415, code: "unsupported_media_type",
                message: "Content-Encoding must be gzip or absent")
        }
    }
}
