import RelayburnIngest
import RelayburnLedger
import Testing

/// Rules of the format note that the shared fixtures do not exercise.
@Suite struct ClaudeRuleTests {
    private static let session = "7d1c2e9a-0000-4000-8000-00000000abcd"
    private static let envelope =
        #""isSidechain":false,"sessionId":"7d1c2e9a-0000-4000-8000-00000000abcd","cwd":"/home/dev/app","version":"2.0.30""#

    /// The worked example of format note §5.6, with the elided envelope fields written out.
    private static let workedExample = [
        #"{"type":"summary","summary":"Config loader refactor","leafUuid":"e-0"}"#,
        #"{"type":"user","uuid":"e-1","parentUuid":null,\#(envelope),"timestamp":"2026-01-05T10:00:00.000Z","message":{"role":"user","content":"Why does the config fail to load?"}}"#,
        #"{"type":"assistant","uuid":"e-2","parentUuid":"e-1",\#(envelope),"timestamp":"2026-01-05T10:00:02.100Z","requestId":"req_A","message":{"id":"msg_A","type":"message","role":"assistant","model":"claude-opus-4-1","content":[{"type":"text","text":"Let me read it."}],"stop_reason":null,"usage":{"input_tokens":4,"cache_creation_input_tokens":1200,"cache_read_input_tokens":30000,"cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":1000},"output_tokens":1}}}"#,
        #"{"type":"assistant","uuid":"e-3","parentUuid":"e-2",\#(envelope),"timestamp":"2026-01-05T10:00:02.900Z","requestId":"req_A","message":{"id":"msg_A","type":"message","role":"assistant","model":"claude-opus-4-1","content":[{"type":"tool_use","id":"toolu_R1","name":"Read","input":{"file_path":"/home/dev/app/config.yml"}}],"stop_reason":"tool_use","usage":{"input_tokens":4,"cache_creation_input_tokens":1200,"cache_read_input_tokens":30000,"cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":1000},"output_tokens":87}}}"#,
        #"{"type":"user","uuid":"e-4","parentUuid":"e-3",\#(envelope),"timestamp":"2026-01-05T10:00:03.000Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_R1","content":[{"type":"text","text":"done"}]}]}}"#,
        #"{"type":"assistant","uuid":"e-5","parentUuid":"e-4",\#(envelope),"timestamp":"2026-01-05T10:00:05.000Z","requestId":"req_B","message":{"id":"msg_B","type":"message","role":"assistant","model":"claude-opus-4-1","content":[{"type":"text","text":"The YAML has a tab."}],"stop_reason":"end_turn","usage":{"input_tokens":9,"cache_creation_input_tokens":150,"cache_read_input_tokens":31200,"output_tokens":12}}}"#,
        #"{"type":"system","subtype":"compact_boundary","uuid":"e-6","parentUuid":null,"logicalParentUuid":"e-5","sessionId":"7d1c2e9a-0000-4000-8000-00000000abcd","timestamp":"2026-01-05T10:10:00.000Z","content":"Conversation compacted","compactMetadata":{"trigger":"manual","preTokens":31371}}"#,
        #"{"type":"file-history-snapshot","messageId":"e-1","snapshot":{}}"#,
    ]

    private func parse(_ lines: [String], fileSessionId: String? = session, mode: ContentCaptureMode = .full)
        -> ExtractedRecords
    {
        ClaudeTranscriptParser(fileSessionId: fileSessionId, contentMode: mode).parse(lines: lines)
    }

    @Test func workedExample() {
        let records = parse(Self.workedExample)
        #expect(records.malformedLines.isEmpty)
        #expect(records.turns.count == 2)
        let first = records.turns[0]
        // The last usage-carrying line wins (Adopt: §5.2), not the streamed `output_tokens: 1`.
        #expect(
            first.usage
                == Usage(input: 4, output: 87, reasoning: 0, cacheRead: 30000, cacheCreate5m: 200, cacheCreate1h: 1000))
        #expect(first.ts == "2026-01-05T10:00:02.100Z")
        #expect(first.stopReason == "tool_use")
        #expect(first.project == "/home/dev/app")
        #expect(first.toolCalls.map(\.argsHash) == ["9499f2ce00b9df2f"])
        #expect(first.toolCalls.first?.target == "/home/dev/app/config.yml")
        #expect(first.filesTouched == ["/home/dev/app/config.yml"])
        // Split fallback: no cache_creation object, so the total counts as 5-minute writes.
        #expect(
            records.turns[1].usage
                == Usage(input: 9, output: 12, reasoning: 0, cacheRead: 31200, cacheCreate5m: 150, cacheCreate1h: 0))

        #expect(records.userTurns.map(\.userUuid) == ["e-1", "e-4"])
        #expect(records.userTurns[0].blocks == [UserTurnBlock(kind: "text", byteLen: 33, approxTokens: 9)])
        #expect(records.userTurns[0].followingMessageId == "msg_A")
        #expect(records.userTurns[1].precedingMessageId == "msg_A")
        #expect(records.userTurns[1].followingMessageId == "msg_B")
        #expect(
            records.userTurns[1].blocks == [
                UserTurnBlock(kind: "tool_result", toolUseId: "toolu_R1", byteLen: 31, approxTokens: 8)
            ])

        let event = records.toolResultEvents.first
        #expect(records.toolResultEvents.count == 1)
        #expect(event?.messageId == "e-4")
        #expect(event?.contentLength == 31)
        #expect(event?.contentHash == "01540e3a66d1e35e")
        #expect(event?.status == "completed")

        #expect(records.compactions.count == 1)
        #expect(records.compactions.first?.precedingMessageId == "msg_B")
        #expect(records.compactions.first?.tokensBeforeCompact == 31200)
        #expect(records.compactions.first?.ts == "2026-01-05T10:10:00.000Z")

        #expect(records.relationships.count == 1)
        #expect(records.relationships.first?.relationshipType == "root")
        #expect(records.relationships.first?.ts == "2026-01-05T10:00:00.000Z")
        #expect(records.relationships.first?.sourceVersion == "2.0.30")
        #expect(records.relationships.first?.sourceSessionId == nil)
    }

    @Test func contentModes() {
        #expect(parse(Self.workedExample, mode: .full).content.count == 5)
        #expect(parse(Self.workedExample, mode: .hashOnly).content.isEmpty)
        #expect(parse(Self.workedExample, mode: .off).content.isEmpty)
        // Hashes on usage records stay in every mode.
        #expect(parse(Self.workedExample, mode: .off).toolResultEvents.first?.contentHash == "01540e3a66d1e35e")
    }

    @Test func toolCallTargetsAndEditHashes() {
        let input = #"{"file_path":"/a.ts","old_string":"const a = 1","new_string":"const a = 2"}"#
        let line =
            #"{"type":"assistant","uuid":"a","sessionId":"s","message":{"id":"m","content":[{"type":"tool_use","id":"t1","name":"Edit","input":\#(input)},{"type":"tool_use","id":"t1","name":"Edit","input":{}},{"type":"tool_use","id":"t2","name":"Grep","input":{"pattern":"TODO","path":"src"}},{"type":"tool_use","id":"t3","name":"mcp__x__y","input":{"url":"u","command":"c"}},{"type":"tool_use","id":"t4","name":"Write","input":{"file_path":"/a.ts","content":""}},{"type":"tool_use","id":"t5","name":"Bash"}]}}"#
        let calls = parse([line]).turns.first?.toolCalls ?? []
        // A repeated tool_use id within a turn is kept once.
        #expect(calls.map(\.id) == ["t1", "t2", "t3", "t4", "t5"])
        #expect(calls[0].editPreHash == "6ec818aa7f27cdbf")
        #expect(calls[0].editPostHash == "ca4fd06a120f32e8")
        #expect(calls[1].argsHash == "58a607a69a91c203")
        #expect(calls[1].target == "TODO")
        #expect(calls[2].target == "u")
        #expect(calls[3].editPreHash == nil)
        #expect(calls[3].editPostHash == "e3b0c44298fc1c14")
        #expect(calls[4].argsHash == "44136fa355b3678a")
        #expect(calls[4].target == nil)
        #expect(parse([line]).turns.first?.filesTouched == ["/a.ts"])
    }

    @Test func usageCoverageAndInvalidCounters() {
        let line =
            #"{"type":"assistant","sessionId":"s","message":{"id":"m","usage":{"input_tokens":10,"output_tokens":-3,"cache_read_input_tokens":"7"}}}"#
        let turn = parse([line]).turns.first
        #expect(
            turn?.usage == Usage(input: 10, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0))
        #expect(turn?.fidelity?.fidelityClass == "full")
        let partial = #"{"type":"assistant","sessionId":"s","message":{"id":"m","usage":{"input_tokens":10}}}"#
        #expect(parse([partial]).turns.first?.fidelity?.fidelityClass == "partial")
        #expect(parse([partial]).turns.first?.stopReason == nil)
    }

    @Test func resumeMarkerIsAWholeWord() {
        let resume =
            #"{"type":"user","uuid":"u","sessionId":"s","timestamp":"t0","message":{"content":"  /Resume abc-123 now"}}"#
        let rows = parse([resume], fileSessionId: "f").relationships
        #expect(rows.map(\.relationshipType) == ["root", "continuation"])
        #expect(rows.last?.relatedSessionId == "abc-123")
        #expect(rows.last?.ts == "t0")
        #expect(rows.last?.sourceSessionId == "s")
        let resumed = #"{"type":"user","uuid":"u","sessionId":"s","message":{"content":"/resumed abc"}}"#
        #expect(parse([resumed], fileSessionId: "f").relationships.map(\.relationshipType) == ["root"])
        // Without a file session id no continuation row is produced.
        #expect(parse([resume], fileSessionId: nil).relationships.map(\.relationshipType) == ["root"])
    }

    @Test func explicitForkAndContinuationFields() {
        let line =
            #"{"type":"user","uuid":"u","session_id":"s","ts":"t1","forkSessionId":"p","continued_from_session_id":"q","sourceVersion":"9","message":{"content":"x"}}"#
        let rows = parse([line, line], fileSessionId: "s").relationships
        #expect(rows.map(\.relationshipType) == ["root", "fork", "continuation"])
        #expect(rows.map(\.relatedSessionId) == [nil, "p", "q"])
        #expect(rows.allSatisfy { $0.ts == "t1" && $0.sourceVersion == "9" })
    }

    @Test func taskNotificationsAreNotUserTurnsButStillEvents() {
        let line =
            #"{"type":"user","uuid":"u","sessionId":"s","origin":{"kind":"task-notification"},"message":{"content":[{"type":"tool_result","tool_use_id":"t","content":"ok"}]}}"#
        let records = parse([line])
        #expect(records.userTurns.isEmpty)
        #expect(records.toolResultEvents.map(\.toolUseId) == ["t"])
        #expect(records.content.count == 1)
    }

    @Test func subagentNotificationBecomesAnEvent() {
        let line =
            #"{"type":"system","subtype":"subagent_completed","sessionId":"s-1","timestamp":"2026-01-05T11:00:00.000Z","parent_tool_use_id":"toolu_T9","agent_id":"ag-7","status":"Completed","content":"ok"}"#
        let event = parse([line]).toolResultEvents.first
        #expect(event?.toolUseId == "toolu_T9")
        #expect(event?.agentId == "ag-7")
        #expect(event?.status == "completed")
        #expect(event?.eventSource == "subagent_notification")
        #expect(event?.contentLength == 2)
        #expect(event?.messageId == nil)
        let failed = #"{"type":"system","sessionId":"s","toolUseId":"t","subagentSessionId":"c","state":"in-progress"}"#
        #expect(parse([failed]).toolResultEvents.first?.status == "running")
        #expect(parse([failed]).toolResultEvents.first?.subagentSessionId == "c")
    }

    @Test func payloadMeasuresUTF16AndKeepsKeyOrder() {
        let line =
            #"{"type":"user","uuid":"u","sessionId":"s","message":{"content":[{"type":"tool_result","tool_use_id":"t","content":{"z":1,"a":"café ✓ 😀"}},{"type":"text","text":"café ✓ 😀"}]}}"#
        let records = parse([line])
        let text = #"{"z":1,"a":"café ✓ 😀"}"#
        #expect(records.toolResultEvents.first?.contentLength == Int64(text.utf16.count))
        #expect(records.toolResultEvents.first?.contentHash == h16(text))
        #expect(records.userTurns.first?.blocks.map(\.byteLen) == [Int64(text.utf8.count), 14])
        #expect(records.userTurns.first?.blocks.map(\.approxTokens) == [Int64((text.utf8.count + 3) / 4), 4])
    }

    @Test func truncatedOutputIsFlagged() {
        let line =
            #"{"type":"user","uuid":"u","sessionId":"s","message":{"content":[{"type":"tool_result","tool_use_id":"t1","content":"line 1\n[Output TRUNCATED to 30000 characters]"},{"type":"tool_result","tool_use_id":"t2","content":"all here"}]}}"#
        let events = parse([line]).toolResultEvents
        #expect(events.map { $0.object["outputTruncated"] } == [true, nil])
    }

    @Test func sidechainWithoutSpawnInFileGetsOnlyTheFlag() {
        let line =
            #"{"type":"assistant","uuid":"a","parentUuid":"elsewhere","isSidechain":true,"sessionId":"s","message":{"id":"m"}}"#
        let records = parse([line])
        #expect(records.turns.first?.object["subagent"] == ["isSidechain": true])
        #expect(records.relationships.map(\.relationshipType) == ["root"])
    }
}
