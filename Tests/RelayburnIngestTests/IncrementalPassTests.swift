import RelayburnIngest
import RelayburnLedger
import Testing

/// Incremental passes (format note §15): what one pass emits and where the next one starts, and that a file
/// ingested in pieces yields exactly the records of one whole-file parse.
@Suite struct IncrementalPassTests {
    private func parser(_ fileName: String) -> ClaudeTranscriptParser {
        ClaudeTranscriptParser(
            fileSessionId: String(fileName.dropLast(6)), sessionPath: FixtureExpectations.path(fileName),
            resolvesProjectKeys: false)
    }

    /// The reference behaviour (`waitsForToolResults: false`) is what `expected.json` records.
    @Test(arguments: FixtureExpectations.fileNames)
    func firstPassMatchesExpected(_ fileName: String) throws {
        let records = parser(fileName).parsePass(
            try FixtureExpectations.bytes(fileName), from: 0, waitsForToolResults: false)
        let expected = FixtureExpectations.expected(fileName)["incremental"]!.objectValue!
        #expect(records.turns.map(\.messageId) == expected["turnMessageIds"]!.arrayValue!.map { $0.stringValue! })
        #expect(records.endOffset == Int(expected["endOffset"]!.integerValue!))
        #expect(records.userTurns.map(\.userUuid) == expected["userTurnUuids"]!.arrayValue!.map { $0.stringValue! })
        #expect(records.toolResultEvents.count == Int(expected["toolResultEventCount"]!.integerValue!))
        #expect(records.compactions.count == Int(expected["compactionCount"]!.integerValue!))
    }

    /// Every record of `records` keyed by kind and id, as canonical JSON.
    private func keyed(_ records: ExtractedRecords) -> [String: String] {
        var all: [String: String] = [:]
        func add(_ kind: String, _ id: String, _ object: JSONObject) {
            all["\(kind)/\(id)"] = JSONValue.object(object).canonicalJSON
        }
        for record in records.turns { add("turn", record.id, record.object) }
        for record in records.userTurns { add("userTurn", record.id, record.object) }
        for record in records.toolResultEvents { add("event", record.id, record.object) }
        for record in records.compactions { add("compaction", record.id, record.object) }
        for record in records.relationships { add("relationship", record.id, record.object) }
        for record in records.content { add("content", record.id, record.object) }
        return all
    }

    /// Cutting a file anywhere (between lines or mid-line) and ingesting the two halves in incremental passes,
    /// then flushing what a finished file still holds back, stores exactly what a whole-file parse yields; a
    /// record emitted twice is emitted identically.
    @Test(arguments: FixtureExpectations.fileNames)
    func passesOverAGrowingFileEqualOneWholeParse(_ fileName: String) throws {
        let bytes = try FixtureExpectations.bytes(fileName)
        let parser = parser(fileName)
        let whole = keyed(parser.parse(bytes))
        var cuts = Set(stride(from: 1, to: bytes.count, by: 97))
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { cuts.insert(index + 1) }
        for cut in cuts.sorted() {
            let first = parser.parsePass(Array(bytes[..<cut]), from: 0)
            #expect(first.endOffset <= cut)
            let second = parser.parsePass(bytes, from: first.endOffset)
            let flush = parser.parsePass(bytes, from: second.endOffset, settled: true)
            var stored: [String: String] = [:]
            for pass in [first, second, flush] {
                for (key, object) in keyed(pass) {
                    if let earlier = stored[key] {
                        #expect(earlier == object, "cut \(cut): \(key) re-emitted differently")
                    }
                    stored[key] = object
                }
            }
            #expect(Set(stored.keys) == Set(whole.keys), "cut \(cut): different records")
            for (key, object) in stored where whole[key] != object {
                Issue.record("cut \(cut): \(key) differs from the whole-file parse:\n\(object)\n\(whole[key] ?? "")")
            }
        }
    }

    @Test func aPassNeverReadsAnUnterminatedLine() {
        let line = #"{"type":"user","sessionId":"s","uuid":"u1","timestamp":"t","message":{"content":"hi"}}"#
        let records = ClaudeTranscriptParser(fileSessionId: "s").parsePass(Array(line.utf8), from: 0)
        #expect(records.userTurns.isEmpty)
        #expect(records.endOffset == 0)
        #expect(records.partialLastLine?.line == 1)
    }

    @Test func aUserTurnWaitingForItsReplyIsHeldBackUntilTheReplyArrives() {
        let user = #"{"type":"user","sessionId":"s","uuid":"u1","timestamp":"t1","message":{"content":"hi"}}"# + "\n"
        let reply =
            #"{"type":"assistant","sessionId":"s","uuid":"a1","timestamp":"t2","message":{"id":"m1","model":"claude","stop_reason":"end_turn","content":[{"type":"text","text":"hello"}],"usage":{"input_tokens":3,"output_tokens":1}}}"#
            + "\n"
        let parser = ClaudeTranscriptParser(fileSessionId: "s", resolvesProjectKeys: false)
        let first = parser.parsePass(Array(user.utf8), from: 0)
        #expect(first.userTurns.isEmpty)
        #expect(first.endOffset == 0)
        let second = parser.parsePass(Array((user + reply).utf8), from: first.endOffset)
        #expect(second.userTurns.map(\.followingMessageId) == ["m1"])
        #expect(second.endOffset == user.utf8.count + reply.utf8.count)
        // A file that went quiet gives up waiting.
        let settled = parser.parsePass(Array(user.utf8), from: 0, settled: true)
        #expect(settled.userTurns.map(\.userUuid) == ["u1"])
    }

    @Test func aTurnWithAnUnansweredToolCallIsHeldBack() {
        let call =
            #"{"type":"assistant","sessionId":"s","uuid":"a1","timestamp":"t1","message":{"id":"m1","model":"claude","stop_reason":"tool_use","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"false"}}],"usage":{"input_tokens":3,"output_tokens":1}}}"#
            + "\n"
        let result =
            #"{"type":"user","sessionId":"s","uuid":"u2","parentUuid":"a1","timestamp":"t2","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":"exit 1"}]}}"#
            + "\n"
        let parser = ClaudeTranscriptParser(fileSessionId: "s", resolvesProjectKeys: false)
        let first = parser.parsePass(Array(call.utf8), from: 0)
        #expect(first.turns.isEmpty)
        let second = parser.parsePass(Array((call + result).utf8), from: first.endOffset)
        #expect(second.turns.first?.toolCalls.first?.isError == true)
    }
}
