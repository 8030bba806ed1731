import RelayburnSchema

/// The content-addressed ids of ledger records (docs/records.md §3.1), compatible with relayburn 1.x.
///
/// Fields are joined with a single `|`, inserted raw; integers are plain decimal; an absent optional field is
/// the empty string. The id is ``h16(_:)`` of that preimage.
public enum RecordIdentity {
    /// The first 16 characters of the lowercase hex SHA-256 of the UTF-8 bytes of `string`.
    public static func h16(_ string: String) -> String {
        String(SHA256.hexDigest(string).prefix(16))
    }

    /// Turn id: `h16(source|sessionId|messageId)`.
    public static func turnId(source: String, sessionId: String, messageId: String) -> String {
        h16("\(source)|\(sessionId)|\(messageId)")
    }

    /// Compaction id: `h16(source|sessionId|ts)`.
    public static func compactionId(source: String, sessionId: String, ts: String) -> String {
        h16("\(source)|\(sessionId)|\(ts)")
    }

    /// Relationship id: `h16(source|sessionId|relationshipType|relatedSessionId|agentId|parentToolUseId)`, always
    /// with five `|` (absent fields are empty).
    public static func relationshipId(
        source: String, sessionId: String, relationshipType: String, relatedSessionId: String?, agentId: String?,
        parentToolUseId: String?
    ) -> String {
        h16(
            "\(source)|\(sessionId)|\(relationshipType)|\(relatedSessionId ?? "")|\(agentId ?? "")|"
                + (parentToolUseId ?? ""))
    }

    /// Tool-result event id: `h16(source|sessionId|toolUseId|eventIndex)`.
    public static func toolResultEventId(source: String, sessionId: String, toolUseId: String, eventIndex: Int64)
        -> String
    {
        h16("\(source)|\(sessionId)|\(toolUseId)|\(eventIndex)")
    }

    /// User turn id: `h16(source|sessionId|userUuid)`.
    public static func userTurnId(source: String, sessionId: String, userUuid: String) -> String {
        h16("\(source)|\(sessionId)|\(userUuid)")
    }

    /// Stamp id: `h16` of the canonical JSON of `{"ts", "selector", "enrichment"}`.
    ///
    /// relayburn 1.x gave stamps no identity, so appending one twice duplicated it; this id makes it a no-op.
    public static func stampId(ts: String, selector: JSONValue, enrichment: JSONValue) -> String {
        let object: JSONObject = ["ts": .string(ts), "selector": selector, "enrichment": enrichment]
        return h16(object.canonicalJSON)
    }

    /// Content id: `h16` of the canonical JSON of the whole record, so producers' key order does not matter.
    public static func contentId(_ record: JSONObject) -> String {
        h16(record.canonicalJSON)
    }

    /// `argsHash` of a tool input: `h16` of its canonical JSON.
    public static func argsHash(_ input: JSONValue) -> String {
        h16(input.canonicalJSON)
    }

    /// The turn content fingerprint (secondary identity, docs/records.md §4):
    /// `h16(ts|model|(input+output)|cacheRead|(cacheCreate5m+cacheCreate1h)|P)` where `P` is the first four
    /// characters of the first tool call's `argsHash`, or empty without tool calls.
    ///
    /// - Parameters:
    ///   - ts: The turn's timestamp.
    ///   - model: The turn's model.
    ///   - usage: The turn's usage.
    ///   - firstArgsHash: `toolCalls[0].argsHash`, or nil when the turn has no tool calls.
    public static func turnFingerprint(ts: String, model: String, usage: Usage, firstArgsHash: String?) -> String {
        let prefix = firstArgsHash.map { String($0.prefix(4)) } ?? ""
        let tokens = sum(usage.input, usage.output)
        let cacheCreate = sum(usage.cacheCreate5m, usage.cacheCreate1h)
        return h16("\(ts)|\(model)|\(tokens)|\(usage.cacheRead)|\(cacheCreate)|\(prefix)")
    }

    /// A sum rendered as JavaScript renders it: past Int64 the 1.x writer's doubles would have lost precision,
    /// so the overflow case formats the double rather than trapping on hostile counters.
    private static func sum(_ lhs: Int64, _ rhs: Int64) -> String {
        let (total, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? JavaScriptNumber.format(Double(lhs) + Double(rhs)) : String(total)
    }
}

/// Shorthand for ``RecordIdentity/h16(_:)``.
public func h16(_ string: String) -> String {
    RecordIdentity.h16(string)
}
