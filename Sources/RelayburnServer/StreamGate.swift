import NIOConcurrencyHelpers

/// Caps the NDJSON streams open at once (server.md §3) and, at shutdown, cuts the ones still open.
final class StreamGate: Sendable {
    private struct State {
        var open = 0
        var cancelled = false
    }

    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) { self.limit = limit }

    /// Takes a slot; false when every slot is taken.
    func enter() -> Bool {
        state.withLockedValue { state in
            guard state.open < limit else { return false }
            state.open += 1
            return true
        }
    }

    func leave() { state.withLockedValue { $0.open -= 1 } }

    var openCount: Int { state.withLockedValue { $0.open } }

    /// From now on every stream stops at its next write (the client resumes from its cursor elsewhere).
    func cancelAll() { state.withLockedValue { $0.cancelled = true } }

    var isCancelled: Bool { state.withLockedValue { $0.cancelled } }
}

/// A stream cut by shutdown.
struct StreamCancelledError: Error {}
