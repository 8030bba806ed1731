#if canImport(Glibc)
    import Glibc
#endif

/// A request whose body arrives a few bytes at a time over a raw socket, as a slow or hostile client sends it.
enum SlowBody {
    /// Sends the head, then each chunk after `pauseMs`, and returns what the server answered.
    static func post(port: Int, path: String, key: String, chunks: [String], pauseMs: Int) async throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return "connect failed" }
        let length = chunks.reduce(0) { $0 + $1.utf8.count }
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(key)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
        send(socket, head)
        for chunk in chunks {
            try await Task.sleep(for: .milliseconds(pauseMs))
            send(socket, chunk)
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(socket, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : "no answer"
    }

    private static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}
