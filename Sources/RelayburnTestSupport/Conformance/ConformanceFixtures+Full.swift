import RelayburnLedger

/// Records with every optional field and unknown extra keys, for the round-trip scenario (docs/records.md §1.2).
extension ConformanceFixtures {
    public static let fullTurnJSON =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","sessionPath":"/logs/s-1.jsonl","messageId":"msg-9","turnIndex":3,"ts":"2026-04-20T00:00:01.000Z","model":"claude-opus-4-7","project":"/tmp/project","projectKey":"github.com/org/repo","usage":{"input":3,"output":812,"reasoning":0,"cacheRead":45210,"cacheCreate5m":1200,"cacheCreate1h":34},"toolCalls":[{"id":"tu-1","name":"Edit","target":"/tmp/a.txt","argsHash":"9f86d081884c7d65","isError":false,"editPreHash":"aaaa","editPostHash":"bbbb","skillName":"sk","futureKey":[1]},{"id":"tu-2","name":"Bash","argsHash":"ffffffffffffffff"}],"filesTouched":["/tmp/a.txt"],"subagent":{"isSidechain":true,"parentToolUseId":"tu-0","agentId":"ag-1","parentAgentId":"s-0","subagentType":"general","description":"d"},"stopReason":"tool_use","activity":"some-new-category","retries":1,"hasEdits":true,"fidelity":{"granularity":"per-turn","coverage":{"hasInputTokens":true,"hasOutputTokens":true,"hasReasoningTokens":false,"hasCacheReadTokens":true,"hasCacheCreateTokens":true,"hasToolCalls":true,"hasToolResultEvents":true,"hasSessionRelationships":true,"hasRawContent":false},"class":"full"},"unknownExtra":{"nested":[1.5,null]}}"#
    public static let fullContentToolUseJSON =
        #"{"v":1,"source":"claude-code","sessionId":"s-A","messageId":"m-2","ts":"2026-04-20T00:00:00.000Z","role":"assistant","kind":"tool_use","text":"t","toolUse":{"id":"t1","name":"Bash","input":{"command":"ls","z":[{"b":1,"a":2}]}},"extra":1}"#
    public static let fullContentToolResultJSON =
        #"{"v":1,"source":"codex","sessionId":"sess_01HZX","messageId":"m-9","ts":"2026-05-01T12:34:56.789Z","role":"tool_result","kind":"tool_result","toolResult":{"toolUseId":"call_1","content":[{"type":"text","text":"line1\nnaïve ✓ \"q\" </x>"}],"isError":false},"extra":"x"}"#
    public static let fullCompactionJSON =
        #"{"v":1,"source":"codex","sessionId":"s-1","ts":"2026-04-20T00:00:00.000Z","precedingMessageId":"msg-1","tokensBeforeCompact":12345,"extra":null}"#
    public static let fullRelationshipJSON =
        #"{"v":1,"source":"native-claude","sessionId":"s-child","relatedSessionId":"s-root","relationshipType":"subagent","ts":"2026-04-20T00:00:00.000Z","sourceSessionId":"s-src","sourceVersion":"2.1.0","parentToolUseId":"tu_outer","agentId":"agent-1","subagentType":"Explore","description":"look around","extra":false}"#
    public static let fullToolResultEventJSON =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","toolUseId":"tu-1","callIndex":0,"eventIndex":7,"ts":"2026-04-20T00:00:00.250Z","status":"completed","eventSource":"subagent_notification","contentLength":42,"contentHash":"abcd","isError":true,"usage":{"input":1,"output":2,"reasoning":3,"cacheRead":4,"cacheCreate5m":5,"cacheCreate1h":6},"usageAttribution":"even-split-turn","subagentSessionId":"s-2","agentId":"ag-1","extra":[]}"#
    public static let fullUserTurnJSON =
        #"{"v":1,"source":"claude-code","sessionId":"s-1","userUuid":"user-1","ts":"2026-04-20T00:00:00.500Z","precedingMessageId":"msg-1","followingMessageId":"msg-2","blocks":[{"kind":"tool_result","toolUseId":"tu-1","byteLen":4000,"approxTokens":1000,"isError":true,"extra":1},{"kind":"text","byteLen":5,"approxTokens":2}],"extra":{}}"#

    /// Parses one of the JSON texts above.
    static func object(_ text: String) throws -> JSONValue {
        try JSONValue.parse(text)
    }
}
