/// Folds stamps into a turn's enrichment (docs/records.md section 6), the same way for every adapter.
///
/// Stamps are few next to turns, so adapters load them once per query and fold in memory while streaming
/// turns; message-range bounds are resolved to turn indices once, through the adapter's lookup.
public struct StampFolder: Sendable {
    private struct Rule: Sendable {
        let stamp: Stamp
        let fromIndex: Int64?
        let toIndex: Int64?
        /// A message bound that names no stored turn matches nothing.
        let unresolvable: Bool
    }

    private let rules: [Rule]

    /// - Parameters:
    ///   - stamps: every stamp, in append order.
    ///   - turnIndex: the `turnIndex` of message `messageId` in session `sessionId`, or `nil` when not stored.
    public init(stamps: [Stamp], turnIndex: (_ sessionId: String, _ messageId: String) throws -> Int64?) rethrows {
        var rules: [Rule] = []
        for stamp in stamps {
            let selector = stamp.selector
            var from: Int64?
            var to: Int64?
            var unresolvable = false
            if let session = selector.sessionId.nonEmpty {
                if let message = selector.fromMessageId.nonEmpty {
                    from = try turnIndex(session, message)
                    unresolvable = unresolvable || from == nil
                }
                if let message = selector.toMessageId.nonEmpty {
                    to = try turnIndex(session, message)
                    unresolvable = unresolvable || to == nil
                }
            }
            rules.append(Rule(stamp: stamp, fromIndex: from, toIndex: to, unresolvable: unresolvable))
        }
        // (ts, append order): a stable sort keeps append order among equal timestamps.
        self.rules = rules.enumerated().sorted { left, right in
            left.element.stamp.ts != right.element.stamp.ts
                ? left.element.stamp.ts < right.element.stamp.ts : left.offset < right.offset
        }.map(\.element)
    }

    /// Whether there is no stamp at all, so every turn's enrichment is empty.
    public var isEmpty: Bool { rules.isEmpty }

    /// The folded enrichment of `turn`; `[:]` when no stamp matches.
    public func enrichment(for turn: TurnRecord) -> [String: String] {
        enrichment(sessionId: turn.sessionId, messageId: turn.messageId, ts: turn.ts, turnIndex: turn.turnIndex)
    }

    /// The folded enrichment of the turn with these keys (read from a stored row without decoding it).
    public func enrichment(sessionId: String, messageId: String, ts: String, turnIndex: Int64) -> [String: String] {
        var folded: [String: String] = [:]
        for rule in rules where matches(rule, sessionId, messageId, ts, turnIndex) {
            for (key, value) in rule.stamp.enrichment { folded[key] = value }
        }
        return folded
    }

    private func matches(_ rule: Rule, _ sessionId: String, _ messageId: String, _ ts: String, _ turnIndex: Int64)
        -> Bool
    {
        let selector = rule.stamp.selector
        if rule.unresolvable { return false }
        if let session = selector.sessionId.nonEmpty, session != sessionId { return false }
        if let message = selector.messageId.nonEmpty, message != messageId { return false }
        if let fromTs = selector.fromTs.nonEmpty, ts < fromTs { return false }
        if let toTs = selector.toTs.nonEmpty, ts > toTs { return false }
        if let from = rule.fromIndex, turnIndex < from { return false }
        if let to = rule.toIndex, turnIndex > to { return false }
        return true
    }
}

extension Optional where Wrapped == String {
    /// The string when present and non-empty (docs/records.md: empty strings behave as absent).
    var nonEmpty: String? {
        guard let value = self, !value.isEmpty else { return nil }
        return value
    }
}
