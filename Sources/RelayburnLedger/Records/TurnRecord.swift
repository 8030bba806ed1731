/// One assistant turn with its token usage (docs/records.md §2.2).
///
/// The record keeps the JSON object it was validated from, so unknown keys and the producer's key order
/// survive: ``object`` serializes back to the same JSON. The typed properties are read from it once, at
/// validation.
public struct TurnRecord: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// A `SourceKind`; unknown values are kept verbatim.
    public let source: String
    public let sessionId: String
    /// Path of the source log file.
    public let sessionPath: String?
    /// Assistant message id: the turn's identity within its session.
    public let messageId: String
    /// Ordinal of the turn within its parse of the session (0-based).
    public let turnIndex: Int64
    /// Timestamp of the turn's first row, verbatim.
    public let ts: String
    public let model: String
    /// Working directory of the session.
    public let project: String?
    /// Normalized project identity, e.g. `github.com/org/repo`.
    public let projectKey: String?
    public let usage: Usage
    public let toolCalls: [ToolCall]
    public let filesTouched: [String]?
    public let subagent: Subagent?
    /// Free text as reported by the harness (`end_turn`, `tool_use`…); not an enum.
    public let stopReason: String?
    /// An `ActivityCategory`; unknown values are kept verbatim.
    public let activity: String?
    public let retries: Int64?
    public let hasEdits: Bool?
    /// Absent on records from older writers.
    public let fidelity: Fidelity?

    /// The turn id, `h16(source|sessionId|messageId)`.
    public var id: String { RecordIdentity.turnId(source: source, sessionId: sessionId, messageId: messageId) }

    /// The content fingerprint shared by copies of the same API call logged under different sessions.
    public var fingerprint: String {
        RecordIdentity.turnFingerprint(ts: ts, model: model, usage: usage, firstArgsHash: toolCalls.first?.argsHash)
    }

    /// Checks `value` against the TurnRecord contract and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError`` with code `notAnObject`, `missingField`, `wrongType` or `invalidValue`, naming
    ///   the first offending field.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> TurnRecord {
        let reader = try FieldReader(record: value, index: index, kind: .turn)
        try reader.version()
        return TurnRecord(
            object: reader.object, source: try reader.string("source"), sessionId: try reader.string("sessionId"),
            sessionPath: try reader.optionalString("sessionPath"), messageId: try reader.string("messageId"),
            turnIndex: try reader.count("turnIndex"), ts: try reader.string("ts"), model: try reader.string("model"),
            project: try reader.optionalString("project"), projectKey: try reader.optionalString("projectKey"),
            usage: try Usage.read(try reader.nested("usage")),
            toolCalls: try reader.objects("toolCalls", ToolCall.read),
            filesTouched: try reader.optionalStrings("filesTouched"),
            subagent: try reader.optionalNested("subagent").map { r throws(RecordError) in try Subagent.read(r) },
            stopReason: try reader.optionalString("stopReason"), activity: try reader.optionalString("activity"),
            retries: try reader.optionalCount("retries"), hasEdits: try reader.optionalBool("hasEdits"),
            fidelity: try reader.optionalNested("fidelity").map { r throws(RecordError) in try Fidelity.read(r) })
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: TurnRecord, rhs: TurnRecord) -> Bool { lhs.object == rhs.object }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}
