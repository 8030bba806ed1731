import NIOConcurrencyHelpers

/// One open-stream slot, given back exactly once: when the stream's body ends, or when the reply is dropped
/// without its body ever running (Hummingbird writes the head first; a client that resets the connection then
/// never gets the body called, and a slot released only there would be lost for good).
final class StreamSlot: Sendable {
    private let gate: StreamGate
    private let metrics: ServerMetrics
    private let released = NIOLockedValueBox(false)

    /// Wraps a slot already taken with `gate.enter()`.
    init(gate: StreamGate, metrics: ServerMetrics) {
        self.gate = gate
        self.metrics = metrics
        metrics.streamOpened()
    }

    func release() {
        let first = released.withLockedValue { released in
            defer { released = true }
            return !released
        }
        guard first else { return }
        gate.leave()
        metrics.streamClosed()
    }

    deinit { release() }
}
