/// A label applied to turns after the fact (docs/records.md §2.8 and §6).
///
/// Wraps the JSON object it was validated from; see ``TurnRecord`` for why.
public struct Stamp: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// Ordering key for folding.
    public let ts: String
    /// Which turns the stamp labels.
    public let selector: StampSelector
    /// Labels in the order written; later stamps overwrite earlier ones key by key.
    public let enrichment: [(key: String, value: String)]

    /// The stamp id: `h16` of the canonical JSON of `{"ts", "selector", "enrichment"}`.
    public var id: String {
        RecordIdentity.stampId(ts: ts, selector: object["selector"]!, enrichment: object["enrichment"]!)
    }

    /// Checks `value` against the stamp contract and wraps it.
    ///
    /// A selector with no criterion, or with `fromMessageId`/`toMessageId` but no `sessionId`, is rejected:
    /// relayburn 1.x let the first match every turn and silently ignored the second.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError``; `invalidValue` for `kind` other than `"stamp"` and for the selectors above.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> Stamp {
        let reader = try FieldReader(record: value, index: index, kind: .stamp)
        try reader.version()
        let kind = try reader.string("kind")
        guard kind == "stamp" else { throw reader.error(.invalidValue, "kind", "must be \"stamp\"") }
        let ts = try reader.string("ts")
        let selector = try StampSelector.read(try reader.nested("selector"))
        return Stamp(object: reader.object, ts: ts, selector: selector, enrichment: try reader.stringMap("enrichment"))
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: Stamp, rhs: Stamp) -> Bool { lhs.object == rhs.object }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}

/// Which turns a ``Stamp`` labels; every given criterion must hold. Empty strings count as absent.
public struct StampSelector: Sendable, Hashable {
    public var sessionId: String?
    public var messageId: String?
    /// Inclusive lower bound on the turn's message position in the session; requires `sessionId`.
    public var fromMessageId: String?
    /// Inclusive upper bound on the turn's message position in the session; requires `sessionId`.
    public var toMessageId: String?
    /// Inclusive lower bound on the turn's `ts`.
    public var fromTs: String?
    /// Inclusive upper bound on the turn's `ts`.
    public var toTs: String?

    static func read(_ reader: FieldReader) throws(RecordError) -> StampSelector {
        var selector = StampSelector(
            sessionId: try reader.optionalString("sessionId"), messageId: try reader.optionalString("messageId"))
        if let range = try reader.optionalNested("range") {
            selector.fromMessageId = try range.optionalString("fromMessageId")
            selector.toMessageId = try range.optionalString("toMessageId")
            selector.fromTs = try range.optionalString("fromTs")
            selector.toTs = try range.optionalString("toTs")
        }
        // Queries treat empty strings as absent (docs/records.md §5); the selector follows suit.
        for keyPath in [\StampSelector.sessionId, \.messageId, \.fromMessageId, \.toMessageId, \.fromTs, \.toTs]
        where selector[keyPath: keyPath] == "" {
            selector[keyPath: keyPath] = nil
        }
        let criteria = [
            selector.sessionId, selector.messageId, selector.fromMessageId, selector.toMessageId,
            selector.fromTs, selector.toTs,
        ]
        guard criteria.contains(where: { $0 != nil }) else {
            throw reader.error(.invalidValue, "", "has no criterion; give a sessionId, messageId or range")
        }
        if selector.sessionId == nil, selector.fromMessageId != nil || selector.toMessageId != nil {
            throw reader.error(
                .invalidValue, "sessionId",
                "is required when range.fromMessageId or range.toMessageId is given")
        }
        return selector
    }
}
