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
