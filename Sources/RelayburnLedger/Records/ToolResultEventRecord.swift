/// One event in the life of a tool call: its result, a progress or queue event, a subagent notification
/// (docs/records.md §2.6).
///
/// Wraps the JSON object it was validated from; see ``TurnRecord`` for why.
public struct ToolResultEventRecord: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// A `SourceKind`; unknown values are kept verbatim.
    public let source: String
    public let sessionId: String
    /// Message that carried the event, when there is a single one.
    public let messageId: String?
    /// Id of the originating tool call.
    public let toolUseId: String
    /// 0 for the first event of this toolUseId, then 1, 2…
    public let callIndex: Int64?
    /// Per-session monotonic sequence number.
    public let eventIndex: Int64
    public let ts: String?
    /// A `ToolResultStatus` (`running`, `completed`, `errored`, `cancelled`, `unknown`, or newer).
    public let status: String
    /// A `ToolResultEventSource` (`tool_result`, `subagent_notification`…, or newer).
    public let eventSource: String
    /// Length of the result payload (UTF-16 units for the Claude reader).
    public let contentLength: Int64?
    /// Hash of the payload.
    public let contentHash: String?
    public let isError: Bool?
    /// The parser's share of the turn's usage attributed to this event.
    public let usage: Usage?
    /// How `usage` was allocated: `single-tool-turn`, `even-split-turn`, or newer.
    public let usageAttribution: String?
    /// Child session id for spawning tools.
    public let subagentSessionId: String?
    /// Subagent invocation id.
    public let agentId: String?

    /// The event id, `h16(source|sessionId|toolUseId|eventIndex)`.
    public var id: String {
        RecordIdentity.toolResultEventId(
            source: source, sessionId: sessionId, toolUseId: toolUseId, eventIndex: eventIndex)
    }

    /// Checks `value` against the ToolResultEventRecord contract and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError`` naming the first offending field.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> ToolResultEventRecord {
        let reader = try FieldReader(record: value, index: index, kind: .toolResultEvent)
        try reader.version()
        return ToolResultEventRecord(
            object: reader.object, source: try reader.string("source"), sessionId: try reader.string("sessionId"),
            messageId: try reader.optionalString("messageId"), toolUseId: try reader.string("toolUseId"),
            callIndex: try reader.optionalCount("callIndex"), eventIndex: try reader.count("eventIndex"),
            ts: try reader.optionalString("ts"), status: try reader.string("status"),
            eventSource: try reader.string("eventSource"), contentLength: try reader.optionalCount("contentLength"),
            contentHash: try reader.optionalString("contentHash"), isError: try reader.optionalBool("isError"),
            usage: try reader.optionalNested("usage").map { r throws(RecordError) in try Usage.read(r) },
            usageAttribution: try reader.optionalString("usageAttribution"),
            subagentSessionId: try reader.optionalString("subagentSessionId"),
            agentId: try reader.optionalString("agentId"))
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: ToolResultEventRecord, rhs: ToolResultEventRecord) -> Bool {
        lhs.object == rhs.object
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}
