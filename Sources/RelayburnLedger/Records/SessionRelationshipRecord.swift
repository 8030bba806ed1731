/// An edge between two sessions: root, continuation, fork or subagent (docs/records.md §2.5).
///
/// Wraps the JSON object it was validated from; see ``TurnRecord`` for why.
public struct SessionRelationshipRecord: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// A `RelationshipSourceKind`; unknown values are kept verbatim.
    public let source: String
    /// The session the row is about: the child, or the session itself for `root`.
    public let sessionId: String
    /// The parent end of the edge; absent for `root`.
    public let relatedSessionId: String?
    /// A `RelationshipType` (`root`, `continuation`, `fork`, `subagent`, or newer).
    public let relationshipType: String
    public let ts: String?
    public let sourceSessionId: String?
    public let sourceVersion: String?
    public let parentToolUseId: String?
    public let agentId: String?
    public let subagentType: String?
    public let description: String?

    /// The relationship id, `h16(source|sessionId|relationshipType|relatedSessionId|agentId|parentToolUseId)`.
    public var id: String {
        RecordIdentity.relationshipId(
            source: source, sessionId: sessionId, relationshipType: relationshipType,
            relatedSessionId: relatedSessionId, agentId: agentId, parentToolUseId: parentToolUseId)
    }

    /// Checks `value` against the SessionRelationshipRecord contract and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError`` naming the first offending field.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> SessionRelationshipRecord {
        let reader = try FieldReader(record: value, index: index, kind: .relationship)
        try reader.version()
        return SessionRelationshipRecord(
            object: reader.object, source: try reader.string("source"), sessionId: try reader.string("sessionId"),
            relatedSessionId: try reader.optionalString("relatedSessionId"),
            relationshipType: try reader.string("relationshipType"), ts: try reader.optionalString("ts"),
            sourceSessionId: try reader.optionalString("sourceSessionId"),
            sourceVersion: try reader.optionalString("sourceVersion"),
            parentToolUseId: try reader.optionalString("parentToolUseId"),
            agentId: try reader.optionalString("agentId"),
            subagentType: try reader.optionalString("subagentType"),
            description: try reader.optionalString("description"))
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: SessionRelationshipRecord, rhs: SessionRelationshipRecord) -> Bool {
        lhs.object == rhs.object
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}
