/// The orders of docs/records.md §5, comparing strings by their UTF-8 bytes as the database adapters do.
enum MemoryOrder {
    /// Whether `lhs` sorts before `rhs` byte by byte.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Turns: by `(ts, sessionId, turnIndex, id)`.
    static func turn(_ lhs: TurnRecord, _ rhs: TurnRecord) -> Bool {
        if let order = decided(lhs.ts, rhs.ts) { return order }
        if let order = decided(lhs.sessionId, rhs.sessionId) { return order }
        if lhs.turnIndex != rhs.turnIndex { return lhs.turnIndex < rhs.turnIndex }
        return precedes(lhs.id, rhs.id)
    }

    /// Every other kind: by `(ts, id)`, records without `ts` first.
    static func timestamped(_ lhs: (ts: String?, id: String), _ rhs: (ts: String?, id: String)) -> Bool {
        switch (lhs.ts, rhs.ts) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let left), .some(let right)):
            return decided(left, right) ?? precedes(lhs.id, rhs.id)
        case (nil, nil): return precedes(lhs.id, rhs.id)
        }
    }

    /// Whether `lhs` sorts before `rhs`, or `nil` when their bytes are equal and the next key decides.
    private static func decided(_ lhs: String, _ rhs: String) -> Bool? {
        if precedes(lhs, rhs) { return true }
        if precedes(rhs, lhs) { return false }
        return nil
    }
}
