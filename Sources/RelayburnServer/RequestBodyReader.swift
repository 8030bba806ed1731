import RelayburnSchema
import Hummingbird
import NIOCore
import RelayburnWire

/// Reads an append's body under the limits of server.md §2–3: the media type and encoding checked first, the
/// whole body within ``ServerSettings/bodyTimeoutMs`` (a slow drip is 408, which Hummingbird's idle timeout
/// alone would let through), and the size limit applied to the decompressed bytes while they grow.
struct RequestBodyReader {
    let maxBytes: Int
    let timeoutMs: Int64

    /// What was read: the bytes to parse and the wire and decompressed sizes for the access log.
    struct Body {
        var bytes: [UInt8]
        var wireBytes: Int
    }

    func read(_ request: Request) async throws(WireError) -> Body {
        try Self.checkContentType(request.headers[.contentType])
        let gzip = try Self.isGzip(request.headers[.contentEncoding])
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw .bodyTooLarge(limit: maxBytes)
        }
        let wire = try await collect(request.body)
        guard gzip else { return Body(bytes: wire, wireBytes: wire.count) }
        do {
            return Body(bytes: try Gzip.inflate(wire, limit: maxBytes), wireBytes: wire.count)
        } catch .tooLarge {
            throw .bodyTooLarge(limit: maxBytes)
        } catch {
            guard case .corrupt(let reason) = error else { throw .bodyTooLarge(limit: maxBytes) }
            throw .invalidJSON("\(reason); send a complete gzip body or drop Content-Encoding")
        }
    }

    /// The raw body, refused once it passes `maxBytes` (compressed bytes count against the same limit: gzip never
    /// makes a body bigger by more than a few bytes) or the deadline.
    private func collect(_ body: RequestBody) async throws(WireError) -> [UInt8] {
        let limit = maxBytes
        let timeout = timeoutMs
        do {
            return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
                group.addTask {
                    var bytes: [UInt8] = []
                    for try await buffer in body {
                        if bytes.count + buffer.readableBytes > limit { throw WireError.bodyTooLarge(limit: limit) }
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
                message: "send the body as Content-Type: application/json (got \(media.map { "\"\($0)\"" } ?? "none"))")
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
