import RelayburnLedger

/// The order of docs/records.md §5 on cursors, for a stream that must resume on the client: a route without
/// `after=` is asked again from the start and the records up to the last one delivered are skipped.
enum CursorOrder {
    /// Whether a record at `cursor` comes strictly after `position`: `(ts, sessionId, turnIndex, id)`, strings by
    /// their UTF-8 bytes. Cursors of kinds other than turns carry `""` and `0` in the middle, so this is their
    /// `(ts, id)` order too.
    static func follows(_ cursor: StreamCursor, _ position: StreamCursor) -> Bool {
        if let order = compare(cursor.ts, position.ts) { return order }
        if let order = compare(cursor.sessionId, position.sessionId) { return order }
        if cursor.turnIndex != position.turnIndex { return cursor.turnIndex > position.turnIndex }
        return compare(cursor.id, position.id) ?? false
    }

    /// `true` when `lhs` sorts after `rhs`, `false` before, `nil` when equal.
    private static func compare(_ lhs: String, _ rhs: String) -> Bool? {
        if lhs.utf8.elementsEqual(rhs.utf8) { return nil }
        return rhs.utf8.lexicographicallyPrecedes(lhs.utf8)
    }
}
