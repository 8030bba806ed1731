import RelayburnLedger
import Testing

/// Every vector of docs/records.md §3.2.
@Suite struct RecordIdentityTests {
    @Test(arguments: [
        ("claude-code", "s-1", "msg-1", "bde6f27f146314fe"),
        ("codex", "sess_01HZX", "turn_0007", "e72cae1c5e7b4727"),
        ("opencode", "ses_Ünï", "msg|with|pipes", "4abb2fb21f305b4a"),
    ])
    func turnIdHash(source: String, sessionId: String, messageId: String, expected: String) {
        #expect(RecordIdentity.turnId(source: source, sessionId: sessionId, messageId: messageId) == expected)
        #expect(h16("\(source)|\(sessionId)|\(messageId)") == expected)
    }

    @Test(arguments: [
        ("claude-code", "s-1", "2026-04-20T00:00:00.000Z", "d2dc4081560c3d0b"),
        ("codex", "sess_01HZX", "2026-05-01T12:34:56.789Z", "cdfa2103b3e19d64"),
        ("claude-code", "0b6c1f7e-2d3a-4c1e-9a7b-5f0e3d2c1b4a", "2026-04-20T00:00:00Z", "6c829a479e7727b7"),
    ])
    func compactionIdHash(source: String, sessionId: String, ts: String, expected: String) {
        #expect(RecordIdentity.compactionId(source: source, sessionId: sessionId, ts: ts) == expected)
    }

    struct RelationshipVector: Sendable {
        var source: String
        var sessionId: String
        var type: String
        var related: String?
        var agentId: String?
        var parentToolUseId: String?
        var preimage: String
        var expected: String
    }

    @Test(arguments: [
        RelationshipVector(
            source: "claude-code", sessionId: "s-1", type: "continuation", related: "s-parent",
            preimage: "claude-code|s-1|continuation|s-parent||", expected: "67079b8275ecc35a"),
        RelationshipVector(
            source: "claude-code", sessionId: "s-root", type: "root", preimage: "claude-code|s-root|root|||",
            expected: "6f4e1dc6aa41be51"),
        RelationshipVector(
            source: "claude-code", sessionId: "s-root", type: "subagent", related: "s-root", agentId: "agent-1",
            parentToolUseId: "tu_outer", preimage: "claude-code|s-root|subagent|s-root|agent-1|tu_outer",
            expected: "807ad548a5549e08"),
        RelationshipVector(
            source: "spawn-env", sessionId: "s-child", type: "subagent", related: "ag-parent", agentId: "ag-child",
            preimage: "spawn-env|s-child|subagent|ag-parent|ag-child|", expected: "cb930510593fe961"),
        RelationshipVector(
            source: "codex", sessionId: "s-x", type: "fork", related: "s-y", parentToolUseId: "call_9",
            preimage: "codex|s-x|fork|s-y||call_9", expected: "6626943ed62ac863"),
    ])
    func relationshipIdHash(vector: RelationshipVector) {
        #expect(h16(vector.preimage) == vector.expected)
        #expect(
            RecordIdentity.relationshipId(
                source: vector.source, sessionId: vector.sessionId, relationshipType: vector.type,
                relatedSessionId: vector.related, agentId: vector.agentId, parentToolUseId: vector.parentToolUseId)
                == vector.expected)
    }

    @Test(arguments: [
        ("claude-code", "s-1", "tu-1", Int64(0), "92b020c4c3866aee"),
        ("codex", "sess_01HZX", "call_abc", 7, "77355b37794f4ab6"),
        ("opencode", "ses_42", "callID-9", 12345, "5aa91c8bfcbd4b25"),
    ])
    func toolResultEventIdHash(
        source: String, sessionId: String, toolUseId: String, eventIndex: Int64, expected: String
    ) {
        #expect(
            RecordIdentity.toolResultEventId(
                source: source, sessionId: sessionId, toolUseId: toolUseId, eventIndex: eventIndex) == expected)
    }

    @Test(arguments: [
        ("claude-code", "s-1", "user-1", "12c6750faff0dcc9"),
        (
            "claude-code", "0b6c1f7e-2d3a-4c1e-9a7b-5f0e3d2c1b4a", "5e0c8f1a-9b2d-4e3f-8a1b-2c3d4e5f6a7b",
            "d587dc037e54d418"
        ),
        ("codex", "sess_01HZX", "u-42", "598ef0344ecee4b6"),
    ])
    func userTurnIdHash(source: String, sessionId: String, userUuid: String, expected: String) {
        #expect(RecordIdentity.userTurnId(source: source, sessionId: sessionId, userUuid: userUuid) == expected)
    }

    @Test(arguments: [
        (
            "2026-04-20T00:00:00.000Z", "claude-sonnet-4-6", [Int64(100), 50, 0, 1000, 0, 0], [String](),
            "2026-04-20T00:00:00.000Z|claude-sonnet-4-6|150|1000|0|", "3a856e9b3c55997e"
        ),
        (
            "2026-04-20T00:00:01.000Z", "claude-opus-4-7", [3, 812, 0, 45210, 1200, 34],
            ["9f86d081884c7d65", "ffffffffffffffff"], "2026-04-20T00:00:01.000Z|claude-opus-4-7|815|45210|1234|9f86",
            "78b96a3617d0d6b0"
        ),
        (
            "2026-05-01T12:34:56.789Z", "gpt-5-codex", [2048, 0, 512, 0, 0, 0], ["ab"],
            "2026-05-01T12:34:56.789Z|gpt-5-codex|2048|0|0|ab", "33c131c0a68af44f"
        ),
    ])
    func turnContentFingerprint(
        ts: String, model: String, counts: [Int64], argsHashes: [String], preimage: String, expected: String
    ) {
        let usage = Usage(
            input: counts[0], output: counts[1], reasoning: counts[2], cacheRead: counts[3], cacheCreate5m: counts[4],
            cacheCreate1h: counts[5])
        #expect(h16(preimage) == expected)
        #expect(
            RecordIdentity.turnFingerprint(ts: ts, model: model, usage: usage, firstArgsHash: argsHashes.first)
                == expected)
    }

    /// The 1.x content preimages check `h16` itself over exact text, and that parsing then `compactJSON`
    /// reproduces `JSON.stringify`'s bytes.
    @Test(arguments: [
        (
            #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","ts":"2026-04-20T00:00:00.000Z","role":"assistant","kind":"text","text":"hello"}"#,
            "eba79863752529ab"
        ),
        (
            #"{"v":1,"source":"claude-code","sessionId":"s-A","messageId":"m-2","ts":"2026-04-20T00:00:00.000Z","role":"assistant","kind":"tool_use","toolUse":{"id":"t1","name":"Bash","input":{"command":"ls"}}}"#,
            "328c3f3398748ddc"
        ),
        (
            #"{"v":1,"source":"codex","sessionId":"sess_01HZX","messageId":"m-9","ts":"2026-05-01T12:34:56.789Z","role":"tool_result","kind":"tool_result","toolResult":{"toolUseId":"call_1","content":"line1\nnaïve ✓ \"q\" </x>","isError":false}}"#,
            "a269c264da617d15"
        ),
        (
            #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","ts":"2026-04-20T00:00:00.000Z","kind":"text","role":"assistant","text":"hello"}"#,
            "757871e11baaa3a4"
        ),
    ])
    func contentPreimages(preimage: String, expected: String) throws {
        #expect(h16(preimage) == expected)
        #expect(try JSONValue.parse(preimage).compactJSON == preimage)
    }

    @Test func contentIdIgnoresKeyOrder() throws {
        let first = try JSONValue.parse(
            #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","ts":"2026-04-20T00:00:00.000Z","role":"assistant","kind":"text","text":"hello"}"#
        )
        let second = try JSONValue.parse(
            #"{"v":1,"source":"claude-code","sessionId":"s-1","messageId":"msg-1","ts":"2026-04-20T00:00:00.000Z","kind":"text","role":"assistant","text":"hello"}"#
        )
        let a = try ContentRecord.validate(first, index: 0)
        let b = try ContentRecord.validate(second, index: 0)
        #expect(a.id == b.id)
        #expect(a.id == h16(first.canonicalJSON))
    }

    @Test func stampIdHashesCanonicalSubset() throws {
        let stamp = try Stamp.validate(
            [
                "v": 1, "kind": "stamp", "ts": "2026-04-20T00:00:00.000Z", "selector": ["sessionId": "s-1"],
                "enrichment": ["tier": "gold", "persona": "p"], "extra": true,
            ], index: 0)
        let expected = h16(
            #"{"enrichment":{"persona":"p","tier":"gold"},"selector":{"sessionId":"s-1"},"ts":"2026-04-20T00:00:00.000Z"}"#
        )
        #expect(stamp.id == expected)
    }
}
