import Foundation
import RelayburnLedger
import RelayburnSchema
import Testing

@Suite struct RecordValidationTests {
    static let roundTripCases: [(RecordKind, String)] = [
        (.turn, RecordFixtures.fakeTurn), (.turn, RecordFixtures.fullTurn), (.userTurn, RecordFixtures.fakeUserTurn),
        (.userTurn, RecordFixtures.fullUserTurn), (.relationship, RecordFixtures.fakeRelationship),
        (.relationship, RecordFixtures.fullRelationship), (.toolResultEvent, RecordFixtures.fakeToolResultEvent),
        (.toolResultEvent, RecordFixtures.fullToolResultEvent), (.compaction, RecordFixtures.fakeCompaction),
        (.compaction, RecordFixtures.fullCompaction), (.content, RecordFixtures.fakeContent),
        (.content, RecordFixtures.fullContentToolUse), (.content, RecordFixtures.fullContentToolResult),
        (.stamp, RecordFixtures.fullStamp),
    ]

    @Test(arguments: roundTripCases)
    func roundTripsByteIdentically(kind: RecordKind, text: String) throws {
        let (object, _) = try RecordFixtures.validate(try JSONValue.parse(text), as: kind)
        #expect(object.compactJSON == text)
    }

    @Test func fixtureIds() throws {
        let turn = try TurnRecord.validate(try JSONValue.parse(RecordFixtures.fakeTurn), index: 0)
        #expect(turn.id == "bde6f27f146314fe")
        #expect(turn.fingerprint == "3a856e9b3c55997e")
        #expect(turn.usage.cacheRead == 1000)
        #expect(turn.project == "/tmp/project")
        #expect(turn.toolCalls.isEmpty && turn.fidelity == nil && turn.subagent == nil)

        var twin = try JSONValue.parse(RecordFixtures.fakeTurn).objectValue!
        twin["messageId"] = "fp-b"
        twin["sessionId"] = "s-2"
        let twinTurn = try TurnRecord.validate(.object(twin), index: 1)
        #expect(twinTurn.fingerprint == "3a856e9b3c55997e")
        #expect(twinTurn.id != turn.id)

        let user = try UserTurnRecord.validate(try JSONValue.parse(RecordFixtures.fakeUserTurn), index: 0)
        #expect(user.id == "12c6750faff0dcc9")
        #expect(
            user.blocks == [UserTurnBlock(kind: "tool_result", toolUseId: "tu-1", byteLen: 4000, approxTokens: 1000)])
        let relationship = try SessionRelationshipRecord.validate(
            try JSONValue.parse(RecordFixtures.fakeRelationship), index: 0)
        #expect(relationship.id == "67079b8275ecc35a")
        let event = try ToolResultEventRecord.validate(
            try JSONValue.parse(RecordFixtures.fakeToolResultEvent), index: 0)
        #expect(event.id == "92b020c4c3866aee")
        let compaction = try CompactionEvent.validate(try JSONValue.parse(RecordFixtures.fakeCompaction), index: 0)
        #expect(compaction.id == "d2dc4081560c3d0b")
        #expect(compaction.tokensBeforeCompact == 12345)
        let content = try ContentRecord.validate(try JSONValue.parse(RecordFixtures.fakeContent), index: 0)
        #expect(
            content.id
                == h16(
                    #"{"kind":"text","messageId":"msg-1","role":"assistant","sessionId":"s-1","source":"claude-code","text":"hello","ts":"2026-04-20T00:00:00.000Z","v":1}"#
                ))
    }

    @Test func typedAccessorsOfFullRecords() throws {
        let turn = try TurnRecord.validate(try JSONValue.parse(RecordFixtures.fullTurn), index: 0)
        #expect(turn.fingerprint == "78b96a3617d0d6b0")
        #expect(turn.toolCalls[0].editPostHash == "bbbb" && turn.toolCalls[1].target == nil)
        #expect(turn.subagent?.agentId == "ag-1" && turn.subagent?.isSidechain == true)
        #expect(turn.fidelity?.fidelityClass == "full" && turn.fidelity?.coverage.hasRawContent == false)
        #expect(turn.activity == "some-new-category" && turn.retries == 1 && turn.hasEdits == true)
        #expect(turn.filesTouched == ["/tmp/a.txt"] && turn.sessionPath == "/logs/s-1.jsonl")
        #expect(turn.object["unknownExtra"] == ["nested": [1.5, nil]])

        let toolUse = try ContentRecord.validate(try JSONValue.parse(RecordFixtures.fullContentToolUse), index: 0)
        #expect(toolUse.toolUse?.input["command"] == "ls")
        let toolResult = try ContentRecord.validate(try JSONValue.parse(RecordFixtures.fullContentToolResult), index: 0)
        #expect(toolResult.toolResult?.content.arrayValue?.count == 1 && toolResult.toolResult?.isError == false)

        let stamp = try Stamp.validate(try JSONValue.parse(RecordFixtures.fullStamp), index: 0)
        #expect(stamp.selector.toMessageId == "msg-3" && stamp.selector.fromTs == "2026-04-20T00:00:00.000Z")
        #expect(stamp.enrichment.map(\.key) == ["workflowId", "tier"])
        let event = try ToolResultEventRecord.validate(
            try JSONValue.parse(RecordFixtures.fullToolResultEvent), index: 0)
        #expect(event.usage?.cacheCreate1h == 6 && event.usageAttribution == "even-split-turn")
    }

    /// Removing each required top-level field names it; so does giving it the wrong JSON type.
    static let requiredCases: [(RecordKind, String, [String])] = [
        (
            .turn, RecordFixtures.fullTurn,
            ["v", "source", "sessionId", "messageId", "turnIndex", "ts", "model", "usage", "toolCalls"]
        ),
        (.content, RecordFixtures.fakeContent, ["v", "source", "sessionId", "messageId", "ts", "role", "kind"]),
        (.compaction, RecordFixtures.fullCompaction, ["v", "source", "sessionId", "ts"]),
        (.relationship, RecordFixtures.fullRelationship, ["v", "source", "sessionId", "relationshipType"]),
        (
            .toolResultEvent, RecordFixtures.fullToolResultEvent,
            ["v", "source", "sessionId", "toolUseId", "eventIndex", "status", "eventSource"]
        ),
        (.userTurn, RecordFixtures.fullUserTurn, ["v", "source", "sessionId", "userUuid", "ts", "blocks"]),
        (.stamp, RecordFixtures.fullStamp, ["v", "kind", "ts", "selector", "enrichment"]),
    ]

    @Test(arguments: requiredCases)
    func missingRequiredFields(kind: RecordKind, text: String, keys: [String]) throws {
        let record = try JSONValue.parse(text).objectValue!
        for key in keys {
            var broken = record
            broken[key] = nil
            let error = try #require(throws: RecordError.self) {
                _ = try RecordFixtures.validate(.object(broken), as: kind, index: 4)
            }
            #expect(error.code == .missingField && error.field == key && error.index == 4 && error.kind == kind)
            #expect(error.description.hasPrefix("record 4 (\(kind.rawValue)): \(key) is required"))
        }
    }

    @Test(arguments: requiredCases)
    func wrongTypedRequiredFields(kind: RecordKind, text: String, keys: [String]) throws {
        let record = try JSONValue.parse(text).objectValue!
        for key in keys {
            var broken = record
            broken[key] = key == "toolCalls" || key == "blocks" ? "x" : [1]
            let error = try #require(throws: RecordError.self) {
                _ = try RecordFixtures.validate(.object(broken), as: kind, index: 2)
            }
            #expect(error.code == .wrongType && error.field == key && error.index == 2)
        }
    }

    @Test(arguments: [
        (
            RecordKind.turn, RecordFixtures.fullTurn, "usage", "cacheRead", JSONValue.integer(-1),
            "record 3 (turn): usage.cacheRead must be a non-negative integer"
        ),
        (
            .turn, RecordFixtures.fullTurn, "usage", "input", .double(1.5),
            "record 3 (turn): usage.input must be a non-negative integer"
        ),
        (
            .turn, RecordFixtures.fullTurn, "subagent", "isSidechain", .string("yes"),
            "record 3 (turn): subagent.isSidechain must be a boolean"
        ),
        (
            .turn, RecordFixtures.fullTurn, "fidelity", "class", .integer(1),
            "record 3 (turn): fidelity.class must be a string"
        ),
        (
            .toolResultEvent, RecordFixtures.fullToolResultEvent, "usage", "reasoning", .null,
            "record 3 (tool_result_event): usage.reasoning must be a non-negative integer"
        ),
        (
            .stamp, RecordFixtures.fullStamp, "enrichment", "tier", .integer(3),
            "record 3 (stamp): enrichment.tier must be a string"
        ),
        (
            .content, RecordFixtures.fullContentToolUse, "toolUse", "input", .string("ls"),
            "record 3 (content): toolUse.input must be an object"
        ),
        (
            .content, RecordFixtures.fullContentToolResult, "toolResult", "isError", .string("no"),
            "record 3 (content): toolResult.isError must be a boolean"
        ),
    ])
    func nestedFieldErrors(
        kind: RecordKind, text: String, parent: String, key: String, replacement: JSONValue, expected: String
    ) throws {
        var record = try JSONValue.parse(text).objectValue!
        var nested = record[parent]!.objectValue!
        nested[key] = replacement
        record[parent] = .object(nested)
        let error = try #require(throws: RecordError.self) {
            _ = try RecordFixtures.validate(.object(record), as: kind, index: 3)
        }
        #expect(error.description == expected)
    }

    @Test func nestedMissingFields() throws {
        var turn = try JSONValue.parse(RecordFixtures.fullTurn).objectValue!
        var calls = turn["toolCalls"]!.arrayValue!
        calls.append(["id": "tu-3", "name": "Read"])
        turn["toolCalls"] = .array(calls)
        var error = try #require(throws: RecordError.self) { _ = try TurnRecord.validate(.object(turn), index: 0) }
        #expect(error.field == "toolCalls[2].argsHash" && error.code == .missingField)
        #expect(error.description == "record 0 (turn): toolCalls[2].argsHash is required (a string) but missing")

        turn["toolCalls"] = [1]
        error = try #require(throws: RecordError.self) { _ = try TurnRecord.validate(.object(turn), index: 0) }
        #expect(error.field == "toolCalls[0]" && error.code == .wrongType)

        var coverage = try JSONValue.parse(RecordFixtures.fullTurn).objectValue!
        var fidelity = coverage["fidelity"]!.objectValue!
        var flags = fidelity["coverage"]!.objectValue!
        flags["hasRawContent"] = nil
        fidelity["coverage"] = .object(flags)
        coverage["fidelity"] = .object(fidelity)
        error = try #require(throws: RecordError.self) { _ = try TurnRecord.validate(.object(coverage), index: 0) }
        #expect(error.field == "fidelity.coverage.hasRawContent")

        var user = try JSONValue.parse(RecordFixtures.fullUserTurn).objectValue!
        user["blocks"] = [["kind": "text", "byteLen": 1, "approxTokens": -2]]
        error = try #require(throws: RecordError.self) { _ = try UserTurnRecord.validate(.object(user), index: 0) }
        #expect(error.field == "blocks[0].approxTokens" && error.code == .wrongType)

        var content = try JSONValue.parse(RecordFixtures.fullContentToolResult).objectValue!
        content["toolResult"] = ["toolUseId": "c"]
        error = try #require(throws: RecordError.self) { _ = try ContentRecord.validate(.object(content), index: 0) }
        #expect(error.field == "toolResult.content" && error.code == .missingField)

        var filesTouched = try JSONValue.parse(RecordFixtures.fakeTurn).objectValue!
        filesTouched["filesTouched"] = ["a", 1]
        error = try #require(throws: RecordError.self) {
            _ = try TurnRecord.validate(.object(filesTouched), index: 0)
        }
        #expect(error.field == "filesTouched[1]")
    }

    @Test func versionAndShape() throws {
        var turn = try JSONValue.parse(RecordFixtures.fakeTurn).objectValue!
        turn["v"] = 2
        var error = try #require(throws: RecordError.self) { _ = try TurnRecord.validate(.object(turn), index: 0) }
        #expect(error.code == .invalidValue && error.field == "v")
        error = try #require(throws: RecordError.self) { _ = try TurnRecord.validate([1, 2], index: 7) }
        #expect(error.code == .notAnObject && error.description == "record 7 (turn): must be a JSON object, not array")
    }

    @Test func enumFieldsAcceptUnknownStrings() throws {
        var event = try JSONValue.parse(RecordFixtures.fakeToolResultEvent).objectValue!
        event["status"] = "paused-by-future"
        event["source"] = "new-harness"
        let record = try ToolResultEventRecord.validate(.object(event), index: 0)
        #expect(record.status == "paused-by-future" && record.source == "new-harness")
    }

    @Test(arguments: [
        ("s-1", true), ("0b6c1f7e-2d3a-4c1e-9a7b-5f0e3d2c1b4a", true), ("a.b_c-D9", true),
        (String(repeating: "a", count: 128), true), (String(repeating: "a", count: 129), false), ("", false),
        ("-abc", false), (".abc", false), ("ses_Ünï", false), ("a/b", false), ("a b", false), ("_x", false),
    ])
    func contentSessionIdRule(sessionId: String, valid: Bool) throws {
        #expect(ContentRecord.isValidSessionId(sessionId) == valid)
        var content = try JSONValue.parse(RecordFixtures.fakeContent).objectValue!
        content["sessionId"] = .string(sessionId)
        if valid {
            _ = try ContentRecord.validate(.object(content), index: 0)
        } else {
            let error = try #require(throws: RecordError.self) {
                _ = try ContentRecord.validate(.object(content), index: 1)
            }
            #expect(error.code == .invalidValue && error.field == "sessionId")
        }
    }

    @Test(arguments: [
        (#"{}"#, "selector"),
        (#"{"sessionId":""}"#, "selector"),
        (#"{"range":{}}"#, "selector"),
        (#"{"range":{"fromMessageId":"m1"}}"#, "selector.sessionId"),
        (#"{"messageId":"m","range":{"toMessageId":"m2"}}"#, "selector.sessionId"),
    ])
    func rejectedSelectors(selector: String, field: String) throws {
        let stamp: JSONValue = [
            "v": 1, "kind": "stamp", "ts": "2026-04-20T00:00:00.000Z", "selector": try JSONValue.parse(selector),
            "enrichment": [:],
        ]
        let error = try #require(throws: RecordError.self) { _ = try Stamp.validate(stamp, index: 0) }
        #expect(error.code == .invalidValue && error.field == field)
    }

    @Test(arguments: [
        #"{"sessionId":"s"}"#, #"{"messageId":"m"}"#, #"{"range":{"fromTs":"t"}}"#,
        #"{"sessionId":"s","range":{"fromMessageId":"a","toMessageId":"b"}}"#,
    ])
    func acceptedSelectors(selector: String) throws {
        let stamp: JSONValue = [
            "v": 1, "kind": "stamp", "ts": "2026-04-20T00:00:00.000Z", "selector": try JSONValue.parse(selector),
            "enrichment": ["a": "b"],
        ]
        _ = try Stamp.validate(stamp, index: 0)
    }

    @Test func stampKindMustBeStamp() throws {
        var stamp = try JSONValue.parse(RecordFixtures.fullStamp).objectValue!
        stamp["kind"] = "turn"
        let error = try #require(throws: RecordError.self) { _ = try Stamp.validate(.object(stamp), index: 0) }
        #expect(error.code == .invalidValue && error.field == "kind")
    }

    @Test func recordKindWireStrings() {
        #expect(
            RecordKind.allCases.map(\.rawValue) == [
                "turn", "content", "compaction", "relationship", "tool_result_event", "user_turn", "stamp",
            ])
    }
}

@Suite struct CountBoundTests {
    /// Token counts stop at 2^53 - 1, so a sum needs over a thousand such records before it can leave Int64.
    @Test func countsAboveTheExactJSONIntegerRangeAreRefusedNamingTheField() throws {
        let exact = RecordFixtures.fakeTurn.replacingOccurrences(
            of: #""input":100"#, with: #""input":9007199254740991"#)
        #expect(try TurnRecord.validate(try JSONValue.parse(exact), index: 0).usage.input == 9_007_199_254_740_991)
        let over = RecordFixtures.fakeTurn.replacingOccurrences(of: #""input":100"#, with: #""input":9007199254740992"#)
        let error = try #require(throws: RecordError.self) {
            _ = try TurnRecord.validate(try JSONValue.parse(over), index: 3)
        }
        #expect(error.code == .invalidValue && error.field == "usage.input")
        #expect(
            error.description
                == "record 3 (turn): usage.input is larger than 9007199254740991, the largest count a ledger holds exactly"
        )
    }

    /// Group sums that together exceed Int64 saturate instead of trapping (a server answering a summary died).
    @Test func summaryTotalsOfHugeGroupsSaturate() {
        let huge = SQLValue.integer(Int64.max - 10)
        let cost: [SQLValue] = [.integer(0), .real(0), .real(0), .real(0), .real(0), .real(0)]
        let rows: [[SQLValue]] = [
            [.text("a"), .text("m"), .integer(1), huge, huge, huge, huge, huge, huge] + cost,
            [.text("b"), .text("m"), .integer(1), huge, huge, huge, huge, huge, huge] + cost,
        ]
        let summary = SummaryRows.summary(from: rows, grouping: .project)
        #expect(summary.usage.input == .max && summary.usage.cacheCreate1h == .max && summary.turns == 2)
        #expect(summary.groups.map(\.usage.input) == [Int64.max - 10, Int64.max - 10])
    }
}

@Suite struct NULCharacterTests {
    /// A NUL in a field that becomes a column is refused naming the field; in free text it is kept.
    @Test func aNULInAColumnFieldIsRefusedAndInFreeTextKept() throws {
        let inSession = RecordFixtures.fakeTurn.replacingOccurrences(of: #""s-1""#, with: #""s\u0000-1""#)
        let error = try #require(throws: RecordError.self) {
            _ = try TurnRecord.validate(try JSONValue.parse(inSession), index: 0)
        }
        #expect(error.field == "sessionId" && error.code == .invalidValue)
        #expect(error.description.hasSuffix(#"sessionId contains a NUL character (\u0000), which no column can hold"#))
        let inExtra = RecordFixtures.fakeTurn.replacingOccurrences(of: #""v":1,"#, with: #""v":1,"note":"a\u0000b","#)
        let turn = try TurnRecord.validate(try JSONValue.parse(inExtra), index: 0)
        #expect(turn.object.compactJSON.contains(#""note":"a\u0000b""#))
    }
}
