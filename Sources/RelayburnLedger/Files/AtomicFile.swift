#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole file so that a reader sees either the old file or the new one, never half of it: the bytes go to
/// a temporary file beside the target (named after this process, so concurrent writers do not share it), are
/// synced, and the temporary file is renamed over the target. On failure the temporary file is removed and any
/// earlier file is left as it was.
public enum AtomicFile {
    /// The system's reason a write failed (`strerror`), e.g. "No such file or directory".
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(description: reason(errno)) }
        var failure = FileDescriptorWrite.all(bytes, to: descriptor).map(reason)
        if failure == nil, fsync(descriptor) != 0 { failure = reason(errno) }
        if close(descriptor) != 0, failure == nil { failure = reason(errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = reason(errno) }
        if let failure {
            unlink(temporary)
            throw WriteError(description: failure)
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// `write(2)` until every byte is written, retrying interrupted calls.
public enum FileDescriptorWrite {
    /// Writes all of `bytes` to `descriptor`: `nil` when they were, else the `errno` of the failed call (0 when the
    /// descriptor took no bytes).
    public static func all(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? errno : 0 }
                offset += written
            }
            return nil
        }
    }
}
