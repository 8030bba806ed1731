import RelayburnLedger
import RelayburnTestSupport

/// Record fixtures: the §9 ones, and one per kind with every optional field plus an unknown key.
enum RecordFixtures {
    static let fakeTurn =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","turnIndex":0,"ts":"2026-04-20T00:00:00.000Z","model":"claude-sonnet-4-6","usage":{"input":100,"output":50,"reasoning":0,"cacheRead":1000,"cacheCreate5m":0,"cacheCreate1h":0},"toolCalls":[],"project":"/tmp/project"}"#
    static let fakeUserTurn =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","userUuid":"user-1","ts":"2026-04-20T00:00:00.500Z","precedingMessageId":"msg-1","followingMessageId":"msg-2","blocks":[{"kind":"tool_result","toolUseId":"tu-1","byteLen":4000,"approxTokens":1000}]}"#
    static let fakeRelationship =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","relatedSessionId":"s-parent","relationshipType":"continuation","ts":"2026-04-20T00:00:00.000Z"}"#
    static let fakeToolResultEvent =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","toolUseId":"tu-1","eventIndex":0,"status":"completed","eventSource":"tool_result","ts":"2026-04-20T00:00:00.250Z"}"#
    static let fakeCompaction =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","ts":"2026-04-20T00:00:00.000Z","precedingMessageId":"msg-1","tokensBeforeCompact":12345}"#
    static let fakeContent =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","ts":"2026-04-20T00:00:00.000Z","role":"assistant","kind":"text","text":"hello"}"#

    static let fullTurn = ConformanceFixtures.fullTurnJSON
    static let fullContentToolUse = ConformanceFixtures.fullContentToolUseJSON
    static let fullContentToolResult = ConformanceFixtures.fullContentToolResultJSON
    static let fullCompaction = ConformanceFixtures.fullCompactionJSON
    static let fullRelationship = ConformanceFixtures.fullRelationshipJSON
    static let fullToolResultEvent = ConformanceFixtures.fullToolResultEventJSON
    static let fullUserTurn = ConformanceFixtures.fullUserTurnJSON
    static let fullStamp =
        #"{"v":1,"kind":"stamp","ts":"2026-04-20T00:00:00.000Z","selector":{"sessionId":"s-1","messageId":"msg-1","range":{"fromMessageId":"msg-1","toMessageId":"msg-3","fromTs":"2026-04-20T00:00:00.000Z","toTs":"2026-04-21T00:00:00.000Z"}},"enrichment":{"workflowId":"wf-1","tier":"gold"},"extra":"y"}"#

    /// Validates `value` as `kind` and returns the record's object and id.
    static func validate(_ value: JSONValue, as kind: RecordKind, index: Int = 0) throws -> (JSONObject, String) {
        switch kind {
        case .turn:
            let record = try TurnRecord.validate(value, index: index)
            return (record.object, record.id)
        case .content:
            let record = try ContentRecord.validate(value, index: index)
            return (record.object, record.id)
        case .compaction:
            let record = try CompactionEvent.validate(value, index: index)
            return (record.object, record.id)
        case .relationship:
            let record = try SessionRelationshipRecord.validate(value, index: index)
            return (record.object, record.id)
        case .toolResultEvent:
            let record = try ToolResultEventRecord.validate(value, index: index)
            return (record.object, record.id)
        case .userTurn:
            let record = try UserTurnRecord.validate(value, index: index)
            return (record.object, record.id)
        case .stamp:
            let record = try Stamp.validate(value, index: index)
            return (record.object, record.id)
        }
    }
}
