import RelayburnLedger

/// Writes to stdout and stderr without Foundation, whose load time would dominate a no-op command.
enum Console {
    static func out(_ text: String) {
        print(text)
    }

    /// Standard output for bulk bytes: written as given, in the caller's chunks.
    struct Output {
        /// Writes all of `bytes`, or throws when stdout is closed or broken (a pipe whose reader went away).
        func write(_ bytes: [UInt8]) throws {
            if let failed = FileDescriptorWrite.all(bytes, to: 1) {
                throw CommandFailure.failure("cannot write to standard output (errno \(failed))")
            }
        }
    }

    static func error(_ text: String) {
        // write(2) rather than fputs(stderr): the C global is not concurrency-safe to reference from Swift 6.
        // Nothing is left to tell when stderr itself fails.
        _ = FileDescriptorWrite.all(Array("relayburn: \(text)\n".utf8), to: 2)
    }
}
