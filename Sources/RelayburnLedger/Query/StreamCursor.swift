public import RelayburnSchema

/// Where a stream resumes: just after the record with this sort key, in the order of docs/records.md §5.
///
/// A client that lost a stream builds it from the last record it received (``after(_:)``) and asks again with
/// ``LedgerQuery/after``; the records it gets are exactly those it had not seen, whichever store it reads.
/// Turns sort by `(ts, sessionId, turnIndex, id)`; every other kind by `(ts, id)`, an absent `ts` as the empty
/// string. Stamps stream in append order, which no record carries, so they cannot resume from a cursor.
public struct StreamCursor: Sendable, Hashable {
    /// The record's `ts`, or `""` for a record without one.
    public var ts: String
    /// Turns only; `""` for other kinds.
    public var sessionId: String
    /// Turns only; `0` for other kinds.
    public var turnIndex: Int64
    public var id: String

    public init(ts: String, sessionId: String = "", turnIndex: Int64 = 0, id: String) {
        self.ts = ts
        self.sessionId = sessionId
        self.turnIndex = turnIndex
        self.id = id
    }

    /// The cursor just after `record`.
    public static func after<Record: LedgerRecord>(_ record: Record) -> StreamCursor {
        if let turn = record as? TurnRecord {
            return StreamCursor(ts: turn.ts, sessionId: turn.sessionId, turnIndex: turn.turnIndex, id: turn.id)
        }
        return StreamCursor(ts: record.filterFields.ts ?? "", id: record.id)
    }

    /// Refuses a cursor on a kind that cannot resume from one.
    ///
    /// - Throws: ``StreamCursorError`` for stamps, which stream in append order.
    static func checkResumable(_ kind: RecordKind) throws {
        guard kind == .stamp else { return }
        throw StreamCursorError(
            "stamps stream in append order and cannot resume from a cursor; read them again from the start")
    }

    /// Whether a record with this key comes after the cursor (turns compare all four parts, other kinds
    /// `ts` and `id`), strings by their UTF-8 bytes.
    func precedes(_ other: StreamCursor, turns: Bool) -> Bool {
        func bytes(_ lhs: String, _ rhs: String) -> Bool? {
            if lhs.utf8.elementsEqual(rhs.utf8) { return nil }
            return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
        }
        if let order = bytes(ts, other.ts) { return order }
        if turns {
            if let order = bytes(sessionId, other.sessionId) { return order }
            if turnIndex != other.turnIndex { return turnIndex < other.turnIndex }
        }
        return bytes(id, other.id) ?? false
    }
}

/// A stream that cannot resume from the cursor it was given.
public struct StreamCursorError: RelayburnError {
    public let description: String
    public var errorCode: String { "invalid_query" }

    public init(_ description: String) {
        self.description = description
    }
}
