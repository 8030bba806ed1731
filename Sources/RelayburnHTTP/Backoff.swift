/// The pauses between retries of server.md §8: exponential from a base, capped, with full jitter; a server's
/// `Retry-After` replaces the computed pause, up to its own cap.
struct Backoff: Sendable, Equatable {
    /// The ceiling of the first pause; each further failure doubles it.
    var base: Duration
    /// The largest ceiling.
    var cap: Duration
    /// The longest `Retry-After` obeyed; a longer one is cut to this.
    var retryAfterCap: Duration

    /// The pause after the `failures`-th consecutive failure (1 for the first).
    ///
    /// Full jitter (a uniform pick between zero and the ceiling) spreads clients that failed together, so they do
    /// not all come back at the same instant; `Retry-After` is the server saying when it expects to cope, so it is
    /// taken as given.
    func pause(
        afterFailure failures: Int, retryAfter: Duration?, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), retryAfterCap) }
        let ceiling = self.ceiling(afterFailure: failures)
        let nanoseconds = Self.nanoseconds(ceiling)
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &generator))
    }

    /// The largest pause after the `failures`-th failure: `base × 2^(failures-1)`, at most ``cap``.
    func ceiling(afterFailure failures: Int) -> Duration {
        // 2^30 × any sensible base passes any sensible cap; stopping there keeps the multiplication finite.
        let doublings = min(max(failures - 1, 0), 30)
        let grown = base * (1 << doublings)
        return min(grown, cap)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
