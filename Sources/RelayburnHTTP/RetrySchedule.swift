/// The retries of one call (server.md §8): how many attempts were made, the last failure, and whether the budget
/// leaves room for another attempt after the next pause.
struct RetrySchedule: Sendable {
    let backoff: Backoff
    /// How long the call may keep retrying, from its first attempt.
    let budget: Duration
    private(set) var started: ContinuousClock.Instant
    /// Attempts made so far.
    private(set) var attempts = 0
    /// Failures since the last success (a stream that made progress starts counting again).
    private(set) var consecutiveFailures = 0
    /// What the last failed attempt ran into, for the final error.
    private(set) var lastFailure: String?

    init(backoff: Backoff, budget: Duration, now: ContinuousClock.Instant = .now) {
        self.backoff = backoff
        self.budget = budget
        self.started = now
    }

    /// Counts an attempt about to be made.
    mutating func recordAttempt() { attempts += 1 }

    /// Records a failed attempt and returns the pause before the next, or `nil` when that pause would end past the
    /// budget.
    mutating func pause(
        after failure: String, retryAfter: Duration?, now: ContinuousClock.Instant = .now,
        using generator: inout some RandomNumberGenerator
    ) -> Duration? {
        consecutiveFailures += 1
        lastFailure = failure
        let pause = backoff.pause(afterFailure: consecutiveFailures, retryAfter: retryAfter, using: &generator)
        return now + pause <= started + budget ? pause : nil
    }

    /// Records a failed attempt, pausing with the system's random numbers.
    mutating func pause(after failure: String, retryAfter: Duration?) -> Duration? {
        var generator = SystemRandomNumberGenerator()
        return pause(after: failure, retryAfter: retryAfter, using: &generator)
    }

    /// Starts the budget and the backoff over, as when a stream delivered records since its last break: a long
    /// stream broken now and then keeps going, one that never recovers still runs out.
    mutating func restartAfterProgress(now: ContinuousClock.Instant = .now) {
        started = now
        consecutiveFailures = 0
    }

    /// Time since the budget started, for messages.
    func elapsed(now: ContinuousClock.Instant = .now) -> Duration { now - started }
}
