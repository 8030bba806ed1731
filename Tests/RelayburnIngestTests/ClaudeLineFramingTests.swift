import RelayburnIngest
import RelayburnLedger
import Testing

/// Bad lines are counted with their numbers and never stop a parse; an unfinished last line is set apart.
@Suite struct ClaudeLineFramingTests {
    private let user =
        #"{"type":"user","uuid":"u-1","sessionId":"s-1","timestamp":"2026-01-05T10:00:00.000Z","message":{"role":"user","content":"hi"}}"#
    private let assistant =
        #"{"type":"assistant","uuid":"a-1","parentUuid":"u-1","sessionId":"s-1","timestamp":"2026-01-05T10:00:01.000Z","message":{"id":"msg_1","model":"m","content":[],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":2}}}"#

    private func parse(_ text: String) -> ExtractedRecords {
        ClaudeTranscriptParser(fileSessionId: "s-1").parse(Array(text.utf8))
    }

    @Test func malformedLinesAreCountedAndSkipped() {
        let text = [user, "{not json", "[1,2]", "", "   ", assistant, "\"text\""].joined(separator: "\n") + "\n"
        let records = parse(text)
        #expect(records.malformedLines.map(\.line) == [2, 3, 7])
        #expect(records.malformedLines[1].reason.contains("array"))
        #expect(records.turns.map(\.messageId) == ["msg_1"])
        #expect(records.userTurns.map(\.userUuid) == ["u-1"])
        #expect(records.userTurns.first?.followingMessageId == "msg_1")
        #expect(records.partialLastLine == nil)
    }

    @Test func unfinishedLastLineIsReportedApart() {
        let head = user + "\n" + assistant + "\n"
        let records = parse(head + #"{"type":"assistant","uuid":"a-2","mess"#)
        #expect(records.malformedLines.isEmpty)
        #expect(records.partialLastLine?.line == 3)
        #expect(records.partialLastLine?.byteOffset == head.utf8.count)
        #expect(records.partialLastLine?.byteCount == 38)
        #expect(records.turns.count == 1)
    }

    @Test func completeLastLineWithoutNewlineIsUsed() {
        let records = parse(user + "\n" + assistant)
        #expect(records.partialLastLine == nil)
        #expect(records.turns.map(\.messageId) == ["msg_1"])
    }

    @Test func carriageReturnsAndBlankLinesAreWhitespace() {
        let records = parse("\r\n" + user + "\r\n\n" + assistant + "\r\n")
        #expect(records.malformedLines.isEmpty)
        #expect(records.turns.count == 1)
        #expect(records.userTurns.count == 1)
    }

    @Test func malformedLineInTheMiddleIsNotPartial() {
        // Only the final line may be unfinished; a broken line followed by `\n` is malformed.
        let records = parse(user + "\n{\"type\":\n" + assistant)
        #expect(records.malformedLines.map(\.line) == [2])
        #expect(records.partialLastLine == nil)
    }

    @Test func parsesLinesGivenAsStrings() {
        let records = ClaudeTranscriptParser(fileSessionId: "s-1").parse(lines: [user, "oops", assistant])
        #expect(records.malformedLines.map(\.line) == [2])
        #expect(records.turns.count == 1)
    }

    @Test func missingFileThrows() {
        #expect(throws: ImportError.self) {
            try ClaudeTranscriptParser.parseFile(atPath: "/nonexistent/relayburn/x.jsonl")
        }
    }
}
