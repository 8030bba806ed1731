#if canImport(Glibc)
    import Glibc
#endif

/// Writes to stdout and stderr without Foundation, whose load time would dominate a no-op command.
enum Console {
    static func out(_ text: String) {
        print(text)
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
