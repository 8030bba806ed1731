import RelayburnSchema
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which failures server.md §8 retries: the connection refused, reset or closed early, connect and read timeouts,
/// and the statuses 408, 429, 500, 502, 503 and 504. Nothing else: 501 and every other 4xx are answers.
enum RetryableFailure {
    /// Statuses worth another attempt.
    static let statuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    static func isRetryable(status: Int) -> Bool { statuses.contains(status) }

    /// Whether a transport error (no HTTP answer, or an answer cut short) is worth another attempt.
    static func isRetryable(_ error: any Error) -> Bool {
        if error is CancellationError { return false }
        if let error = error as? HTTPClientError { return retryableClientErrors.contains(error) }
        if let error = error as? IOError { return retryableErrnos.contains(error.errnoCode) }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout, .ioOnClosedChannel, .eof, .inputClosed, .outputClosed, .alreadyClosed: return true
            default: return false
            }
        }
        if let error = error as? HTTPParserError {
            // The peer closed the connection inside a response: the body was cut, not malformed.
            return error == .invalidEOFState || error == .closedConnection
        }
        // Every address refused or unreachable, or the name did not resolve (yet: a restarting DNS entry).
        return error is NIOConnectionError
    }

    private static let retryableClientErrors: [HTTPClientError] = [
        .connectTimeout, .readTimeout, .writeTimeout, .remoteConnectionClosed, .uncleanShutdown,
        .getConnectionFromPoolTimeout, .deadlineExceeded, .tlsHandshakeTimeout, .httpProxyHandshakeTimeout,
        .socksHandshakeTimeout,
    ]

    private static let retryableErrnos: Set<CInt> = [
        ECONNREFUSED, ECONNRESET, ECONNABORTED, EPIPE, ETIMEDOUT, ENETUNREACH, EHOSTUNREACH, ENETDOWN,
    ]

    /// The seconds of a `Retry-After` header (the delta form; the HTTP-date form relayburn servers never send is
    /// ignored, and the ordinary backoff applies).
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int(header.trimmingCharacters()), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
