/// The pauses between attempts of a migration that timed out on its table locks: 100 ms doubling to 2 s, with
/// jitter so replicas retrying together do not line up again, until the budget (wall time since the first
/// attempt, lock waits included) is spent.
struct TableLockRetry {
    let budgetMs: Int64
    private(set) var attempts = 1
    private let started = ContinuousClock.now
    private var pauseMs: Int64 = 100

    init(budgetMs: Int64) { self.budgetMs = budgetMs }

    /// The next pause, or `nil` when the budget is spent.
    mutating func next() -> Int64? {
        let elapsed = (ContinuousClock.now - started).milliseconds
        guard elapsed < budgetMs else { return nil }
        let pause = min(pauseMs / 2 + Int64.random(in: 0...(pauseMs / 2)), max(1, budgetMs - elapsed))
        pauseMs = min(pauseMs * 2, 2_000)
        attempts += 1
        return pause
    }
}
