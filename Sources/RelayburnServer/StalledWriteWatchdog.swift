import Hummingbird
import NIOCore

/// A response body writer that closes the connection when one write waits longer than `timeout`.
///
/// Hummingbird never times out a response being written, and a write to a client that stopped reading waits
/// for ever: it would hold a stream slot (and, on PostgreSQL, a pooled session with an open query) until the
/// client went away. Closing the channel fails the pending write, so the stream ends and gives both back.
struct StalledWriteWatchdog: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let channel: any Channel
    let timeout: Duration

    mutating func write(_ buffer: ByteBuffer) async throws {
        let channel = channel
        let timeout = timeout
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            channel.close(promise: nil)
        }
        defer { watchdog.cancel() }
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
    }
}
