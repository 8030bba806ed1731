import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A request whose body arrives a few bytes at a time over a raw socket, as a slow or hostile client sends it;
/// used against the in-process server and against a `relayburn server` child process alike.
public enum SlowBody {
    /// Sends the head, then each chunk after `pauseMs` until the server answers (as a client reading its socket
    /// would stop), and returns the answer.
    ///
    /// The client runs on a thread of its own with blocking `poll(2)` waits, not as a task: on a loaded two-core
    /// runner the cooperative pool can be busy for seconds, and a client that sends late is no slow client.
    public static func post(port: Int, path: String, key: String, chunks: [String], pauseMs: Int) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: postBlocking(
                        port: port, path: path, key: key, chunks: chunks, pauseMs: pauseMs))
            }.start()
        }
    }

    private static func postBlocking(port: Int, path: String, key: String, chunks: [String], pauseMs: Int) -> String {
        guard let socket = connectToLoopback(port: port) else { return "connect failed" }
        defer { close(socket) }
        let length = chunks.reduce(0) { $0 + $1.utf8.count }
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
        send(socket, head)
        for chunk in chunks {
            // Watch the socket through the pause: writing after the server answered and closed would draw a reset,
            // and a reset discards the answer still unread in our receive buffer.
            if let answer = answer(on: socket, withinMs: pauseMs) { return answer }
            send(socket, chunk)
        }
        return answer(on: socket, withinMs: 10_000) ?? "no answer"
    }

    /// What the server has sent within `limitMs` (a blocking wait); nil if nothing came or the connection ended
    /// without an answer.
    private static func answer(on socket: Int32, withinMs limitMs: Int) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let deadline = ContinuousClock.now + .milliseconds(limitMs)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return nil }
            let waitMs = Int32(left.components.seconds * 1_000 + left.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&descriptor, 1, max(waitMs, 1))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 { return String(decoding: buffer[0..<count], as: UTF8.self) }
            if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { return nil }
        }
    }

    /// A TCP socket connected to `port` on 127.0.0.1, or nil if the connection failed.
    public static func connectToLoopback(port: Int) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            return nil
        }
        return socket
    }

    private static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

extension SlowBody {
    /// Sends a POST head announcing `length` body bytes, then one byte every `pauseMs` until the server closes the
    /// connection or `limit` passes; how long the server kept the connection, or nil if it never closed it.
    public static func dripUntilClosed(
        port: Int, path: String, key: String?, length: Int, pauseMs: Int, limit: Duration
    ) async throws -> Duration? {
        guard let socket = connectToLoopback(port: port) else { return .zero }
        defer { close(socket) }
        let authorization = key.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        send(
            socket,
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(authorization)"
                + "Content-Type: application/json\r\nContent-Length: \(length)\r\n\r\n")
        let clock = ContinuousClock()
        let started = clock.now
        var sent = 0
        while clock.now - started < limit, sent < length {
            try await Task.sleep(for: .milliseconds(pauseMs))
            if isClosedByPeer(socket) { return clock.now - started }
            send(socket, " ")
            sent += 1
        }
        return nil
    }

    /// Whether the peer closed: reads what is waiting without blocking (answers are skipped) until end of file.
    private static func isClosedByPeer(_ socket: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 { return true }
            if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
        }
    }
}

extension SlowBody {
    /// One whole request, sent at once with `Connection: close`, and everything the server answered before closing
    /// (or "no answer" after 10 s); on a thread of its own like ``post(port:path:key:chunks:pauseMs:)``.
    public static func exchange(
        port: Int, method: String, path: String, key: String, body: String = ""
    ) async
        -> String
    {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: exchangeBlocking(port: port, method: method, path: path, key: key, body: body))
            }.start()
        }
    }

    private static func exchangeBlocking(port: Int, method: String, path: String, key: String, body: String) -> String {
        guard let socket = connectToLoopback(port: port) else { return "connect failed" }
        defer { close(socket) }
        send(
            socket,
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        var received = ""
        while let part = answer(on: socket, withinMs: 10_000) { received += part }
        return received.isEmpty ? "no answer" : received
    }
}
