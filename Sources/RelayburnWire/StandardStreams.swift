#if canImport(Glibc)
    import Glibc
#endif

/// Whole lines to standard output or error with one `write(2)` each, so concurrent requests never interleave
/// inside a line.
public enum StandardStreams {
    @Sendable public static func writeLine(_ line: String) { write(line, to: 1) }
    @Sendable public static func writeErrorLine(_ line: String) { write(line, to: 2) }

    static func write(_ line: String, to descriptor: Int32) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
