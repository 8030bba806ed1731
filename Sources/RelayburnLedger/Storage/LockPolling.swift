import RelayburnSchema

/// The wait loop of a store's `withLock` when its database only offers "try to take it now": try, then sleep
/// with doubling backoff (capped, and never past the deadline), until taken or `timeoutMs` has passed.
public enum LockPolling {
    /// Polls `tryAcquire` until it returns true.
    ///
    /// - Parameters:
    ///   - name: The lock, for the timeout error.
    ///   - timeoutMs: How long to wait in total.
    ///   - backoffMs: The first pause and the cap of the doubling pauses.
    ///   - tryAcquire: One attempt; true when the lock is now held.
    ///   - holder: Who holds the lock, asked once on timeout for the error message.
    /// - Throws: `LockTimeoutError` naming the lock and its holder; errors of `tryAcquire` and `holder`.
    public static func acquire(
        _ name: String, timeoutMs: Int64, backoffMs: (first: Int64, cap: Int64),
        tryAcquire: () async throws -> Bool, holder: () async throws -> String?
    ) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var pauseMs = backoffMs.first
        while true {
            if try await tryAcquire() { return }
            let waitedMs = (clock.now - started).milliseconds
            if waitedMs >= timeoutMs {
                throw LockTimeoutError(name: name, waitedMs: waitedMs, holder: try await holder())
            }
            try await Task.sleep(for: .milliseconds(min(pauseMs, max(1, timeoutMs - waitedMs))))
            pauseMs = min(pauseMs * 2, backoffMs.cap)
        }
    }
}
