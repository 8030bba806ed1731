#if canImport(Glibc)
    import Glibc
#endif

/// Writes to stdout and stderr without Foundation, whose load time would dominate a no-op command.
enum Console {
    static func out(_ text: String) {
        print(text)
    }

    /// Standard output for bulk bytes: written as given, in the caller's chunks.
    struct Output {
        /// Writes all of `bytes`, or throws when stdout is closed or broken (a pipe whose reader went away).
        func write(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer -> Int in
                    Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    throw CommandFailure.failure("cannot write to standard output (errno \(errno))")
                }
                offset += written
            }
        }
    }

    static func error(_ text: String) {
        // write(2) rather than fputs(stderr): the C global is not concurrency-safe to reference from Swift 6.
        let line = Array("relayburn: \(text)\n".utf8)
        var offset = 0
        while offset < line.count {
            let written = line.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return write(2, base + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }
}
