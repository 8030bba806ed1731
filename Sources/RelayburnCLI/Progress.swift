#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress indicator on stderr, shown only when stderr is a terminal (DESIGN section 7).
struct Progress {
    private let enabled = isatty(2) == 1
    private var lastUpdate = ContinuousClock.now

    mutating func update(_ text: @autoclosure () -> String) {
        guard enabled, ContinuousClock.now - lastUpdate > .milliseconds(200) else { return }
        lastUpdate = ContinuousClock.now
        write("\r\u{1B}[2K" + text())
    }

    func finish() {
        if enabled { write("\r\u{1B}[2K") }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { buffer in Glibc.write(2, buffer.baseAddress, buffer.count) }
    }
}

/// A ``Progress`` that `@Sendable` callbacks can update.
final class ProgressLine: @unchecked Sendable {
    // @unchecked Sendable: the callbacks that use it run one after another on the ingest's task; the lock only
    // guards against a future caller that does not.
    private var progress = Progress()
    private var lock = pthread_mutex_t()

    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }

    func update(_ text: String) {
        pthread_mutex_lock(&lock)
        progress.update(text)
        pthread_mutex_unlock(&lock)
    }

    func finish() {
        pthread_mutex_lock(&lock)
        progress.finish()
        pthread_mutex_unlock(&lock)
    }
}
