import RelayburnWire
import Synchronization

/// The request-body bytes all requests together may hold in memory at once.
///
/// Each body is capped by `--max-body-bytes`, but `--max-connections` clients each sending one would need both
/// limits multiplied; past this budget a body is refused with 503 `server_busy` (clients retry) instead.
final class BodyBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Bytes held now (a metric).
    var inUse: Int { used.load(ordering: .relaxed) }

    /// Takes `count` more bytes of the budget, or refuses when they do not fit.
    func reserve(_ count: Int) throws(WireError) {
        var current = used.load(ordering: .relaxed)
        while true {
            guard current + count <= limit else {
                throw WireError(
                    status: 503, code: "server_busy",
                    message: "the server holds its most request-body bytes in flight (\(limit)); retry shortly",
                    retryAfterSeconds: 1)
            }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + count, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    func release(_ count: Int) {
        used.subtract(count, ordering: .relaxed)
    }
}

/// Bytes of a ``BodyBudget`` held by one body, given back when the body is dropped.
final class BodyReservation: Sendable {
    private let budget: BodyBudget
    private let held: Atomic<Int>

    init(budget: BodyBudget) {
        self.budget = budget
        held = Atomic(0)
    }

    func grow(_ count: Int) throws(WireError) {
        try budget.reserve(count)
        held.add(count, ordering: .relaxed)
    }

    deinit {
        budget.release(held.load(ordering: .relaxed))
    }
}
