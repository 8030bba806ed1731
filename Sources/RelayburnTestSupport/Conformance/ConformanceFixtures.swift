public import RelayburnLedger

/// The fixtures of docs/records.md §9, as JSON objects in the listed key order, and builders that vary them.
public enum ConformanceFixtures {
    public static let fakeTurn: JSONObject = [
        "v": 1, "source": "claude-code", "sessionId": "s-1", "messageId": "msg-1", "turnIndex": 0,
        "ts": "2026-04-20T00:00:00.000Z", "model": "claude-sonnet-4-6",
        "usage": [
            "input": 100, "output": 50, "reasoning": 0, "cacheRead": 1000, "cacheCreate5m": 0, "cacheCreate1h": 0,
        ],
        "toolCalls": [], "project": "/tmp/project",
    ]
    public static let fakeUserTurn: JSONObject = [
        "v": 1, "source": "claude-code", "sessionId": "s-1", "userUuid": "user-1", "ts": "2026-04-20T00:00:00.500Z",
        "precedingMessageId": "msg-1", "followingMessageId": "msg-2",
        "blocks": [["kind": "tool_result", "toolUseId": "tu-1", "byteLen": 4000, "approxTokens": 1000]],
    ]
    public static let fakeRelationship: JSONObject = [
        "v": 1, "source": "claude-code", "sessionId": "s-1", "relatedSessionId": "s-parent",
        "relationshipType": "continuation", "ts": "2026-04-20T00:00:00.000Z",
    ]
    public static let fakeToolResultEvent: JSONObject = [
        "v": 1, "source": "claude-code", "sessionId": "s-1", "messageId": "msg-1", "toolUseId": "tu-1",
        "eventIndex": 0, "status": "completed", "eventSource": "tool_result", "ts": "2026-04-20T00:00:00.250Z",
    ]
    public static let fakeCompaction: JSONObject = [
        "v": 1, "source": "claude-code", "sessionId": "s-1", "ts": "2026-04-20T00:00:00.000Z",
        "precedingMessageId": "msg-1", "tokensBeforeCompact": 12345,
    ]
    public static let fakeContent: JSONObject = [
        "v": 1, "source": "claude-code", "sessionId": "s-1", "messageId": "msg-1", "ts": "2026-04-20T00:00:00.000Z",
        "role": "assistant", "kind": "text", "text": "hello",
    ]

    /// `base` with `changes` applied: existing keys keep their position, new keys are appended, `null` removes.
    public static func varying(_ base: JSONObject, _ changes: JSONObject) -> JSONObject {
        var object = base
        for (key, value) in changes.entries {
            if value.isNull { object[key] = JSONValue?.none } else { object[key] = value }
        }
        return object
    }

    /// A validated turn: ``fakeTurn`` with `changes`.
    public static func turn(_ changes: JSONObject = [:]) throws -> TurnRecord {
        try TurnRecord.validate(.object(varying(fakeTurn, changes)), index: 0)
    }

    /// A validated content record: ``fakeContent`` with `changes`.
    public static func content(_ changes: JSONObject = [:]) throws -> ContentRecord {
        try ContentRecord.validate(.object(varying(fakeContent, changes)), index: 0)
    }

    /// A validated relationship: ``fakeRelationship`` with `changes`.
    public static func relationship(_ changes: JSONObject = [:]) throws -> SessionRelationshipRecord {
        try SessionRelationshipRecord.validate(.object(varying(fakeRelationship, changes)), index: 0)
    }

    /// A validated tool-result event: ``fakeToolResultEvent`` with `changes`.
    public static func toolResultEvent(_ changes: JSONObject = [:]) throws -> ToolResultEventRecord {
        try ToolResultEventRecord.validate(.object(varying(fakeToolResultEvent, changes)), index: 0)
    }

    /// A validated compaction: ``fakeCompaction`` with `changes`.
    public static func compaction(_ changes: JSONObject = [:]) throws -> CompactionEvent {
        try CompactionEvent.validate(.object(varying(fakeCompaction, changes)), index: 0)
    }

    /// A validated user turn: ``fakeUserTurn`` with `changes`.
    public static func userTurn(_ changes: JSONObject = [:]) throws -> UserTurnRecord {
        try UserTurnRecord.validate(.object(varying(fakeUserTurn, changes)), index: 0)
    }

    /// A validated stamp.
    public static func stamp(ts: String, selector: JSONObject, enrichment: JSONObject) throws -> Stamp {
        let object: JSONObject = [
            "v": 1, "kind": "stamp", "ts": .string(ts), "selector": .object(selector),
            "enrichment": .object(enrichment),
        ]
        return try Stamp.validate(.object(object), index: 0)
    }
}
