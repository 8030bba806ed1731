#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole file so that a reader sees either the old file or the new one, never half of it: the bytes go to
/// a temporary file beside the target, are synced, and the temporary file is renamed over the target. On failure
/// the temporary file is removed and any earlier file is left as it was.
enum AtomicFile {
    /// A failure phrased for the user: what was being done and the system's reason.
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(description: reason()) }
        var failure: String?
        let contiguous = Array(bytes)
        contiguous.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = reason()
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = reason() }
        if close(descriptor) != 0, failure == nil { failure = reason() }
        if failure == nil, rename(temporary, path) != 0 { failure = reason() }
        if let failure {
            unlink(temporary)
            throw WriteError(description: failure)
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
