/// A context-compaction boundary in a session (docs/records.md §2.4).
///
/// Wraps the JSON object it was validated from; see ``TurnRecord`` for why.
public struct CompactionEvent: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// A `SourceKind`; unknown values are kept verbatim.
    public let source: String
    public let sessionId: String
    /// Time of the compaction boundary.
    public let ts: String
    /// messageId of the turn just before the boundary.
    public let precedingMessageId: String?
    /// Cache-read tokens of that preceding turn.
    public let tokensBeforeCompact: Int64?

    /// The compaction id, `h16(source|sessionId|ts)`.
    public var id: String { RecordIdentity.compactionId(source: source, sessionId: sessionId, ts: ts) }

    /// Checks `value` against the CompactionEvent contract and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError`` naming the first offending field.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> CompactionEvent {
        let reader = try FieldReader(record: value, index: index, kind: .compaction)
        try reader.version()
        return CompactionEvent(
            object: reader.object, source: try reader.string("source"), sessionId: try reader.string("sessionId"),
            ts: try reader.string("ts"), precedingMessageId: try reader.optionalString("precedingMessageId"),
            tokensBeforeCompact: try reader.optionalCount("tokensBeforeCompact"))
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: CompactionEvent, rhs: CompactionEvent) -> Bool { lhs.object == rhs.object }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}
