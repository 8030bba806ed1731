import RelayburnIngest
import RelayburnLedger
import Testing

/// Every shared fixture extracts to exactly what `expected.json` lists.
@Suite struct ClaudeFixtureTests {
    private func parse(_ fileName: String) throws -> ExtractedRecords {
        try ClaudeTranscriptParser.parseFile(atPath: FixtureExpectations.path(fileName))
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func counts(_ fileName: String) throws {
        let records = try parse(fileName)
        let counts = FixtureExpectations.expected(fileName)["counts"]!.objectValue!
        #expect(records.turns.count == counts["turns"]?.integerValue.map(Int.init))
        #expect(records.userTurns.count == counts["userTurns"]?.integerValue.map(Int.init))
        #expect(records.toolResultEvents.count == counts["toolResultEvents"]?.integerValue.map(Int.init))
        #expect(records.compactions.count == counts["compactions"]?.integerValue.map(Int.init))
        #expect(records.content.count == counts["contentRecords"]?.integerValue.map(Int.init))
        var byType: [String: Int64] = [:]
        for row in records.relationships { byType[row.relationshipType, default: 0] += 1 }
        let expectedByType = counts["relationshipsByType"]!.objectValue!.entries.map {
            ($0.key, $0.value.integerValue!)
        }
        #expect(byType == Dictionary(uniqueKeysWithValues: expectedByType))
        #expect(records.malformedLines.isEmpty)
        #expect(records.partialLastLine == nil)
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func turns(_ fileName: String) throws {
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["turns"]!.arrayValue!
        #expect(records.turns.map(\.messageId) == expected.map { $0["messageId"]!.stringValue! })
        for (turn, wanted) in zip(records.turns, expected) {
            var wanted = wanted.objectValue!
            let coverage = wanted["coverage"]!.objectValue!
            let fidelityClass = wanted["fidelityClass"]!
            wanted["coverage"] = nil
            wanted["fidelityClass"] = nil
            FixtureExpectations.expectSameFields(
                turn.object, wanted, ignoring: ["v", "source", "sessionPath", "fidelity"], turn.messageId)
            #expect(turn.source == "claude-code")
            #expect(turn.sessionPath == FixtureExpectations.path(fileName))
            let fidelity = turn.object["fidelity"]!.objectValue!
            #expect(fidelity["class"] == fidelityClass)
            #expect(fidelity["granularity"] == "per-turn")
            for (key, value) in coverage.entries {
                #expect(fidelity["coverage"]?[key] == value, "\(turn.messageId) coverage.\(key)")
            }
            #expect(turn.fidelity?.coverage.hasReasoningTokens == false)
            #expect(turn.fidelity?.coverage.hasToolCalls == true)
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func userTurns(_ fileName: String) throws {
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["userTurns"]!.arrayValue!
        #expect(records.userTurns.count == expected.count)
        for (userTurn, wanted) in zip(records.userTurns, expected) {
            FixtureExpectations.expectSameFields(
                userTurn.object, wanted.objectValue!, ignoring: ["v", "source"], userTurn.userUuid)
            #expect(userTurn.source == "claude-code")
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func toolResultEvents(_ fileName: String) throws {
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["toolResultEvents"]!.arrayValue!
        #expect(records.toolResultEvents.count == expected.count)
        for (event, wanted) in zip(records.toolResultEvents, expected) {
            FixtureExpectations.expectSameFields(event.object, wanted.objectValue!, event.toolUseId)
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func compactions(_ fileName: String) throws {
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["compactions"]!.arrayValue!
        #expect(records.compactions.count == expected.count)
        for (compaction, wanted) in zip(records.compactions, expected) {
            FixtureExpectations.expectSameFields(compaction.object, wanted.objectValue!, compaction.ts)
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func relationshipsWithFileSessionId(_ fileName: String) throws {
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["relationships"]!.objectValue!
        #expect(records.evidence.fileSessionId == expected["fileSessionId"]?.stringValue)
        let rows = expected["rows"]!.arrayValue!
        #expect(records.relationships.count == rows.count)
        for (row, wanted) in zip(records.relationships, rows) {
            FixtureExpectations.expectSameFields(row.object, wanted.objectValue!, row.relationshipType)
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func relationshipsWithoutFileSessionId(_ fileName: String) throws {
        let bytes = try FixtureExpectations.bytes(fileName)
        let records = ClaudeTranscriptParser().parse(bytes)
        let rows = FixtureExpectations.expected(fileName)["relationshipsWithoutFileSessionId"]!.arrayValue!
        #expect(records.relationships.count == rows.count)
        for (row, wanted) in zip(records.relationships, rows) {
            FixtureExpectations.expectSameFields(row.object, wanted.objectValue!, row.relationshipType)
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func evidence(_ fileName: String) throws {
        let records = try parse(fileName)
        let expectedFile = FixtureExpectations.expected(fileName)
        let expected = expectedFile["evidence"]!.objectValue!
        let evidence = records.evidence
        #expect(evidence.fileSessionId == expected["fileSessionId"]?.stringValue)
        #expect(evidence.firstTs == expected["firstTs"]?.stringValue)
        #expect(evidence.sourceVersion == expected["sourceVersion"]?.stringValue)
        #expect(evidence.inLogSessionIds == expected["inLogSessionIds"]!.arrayValue!.map { $0.stringValue! })
        #expect(evidence.inLogSessionIds == expectedFile["inLogSessionIds"]!.arrayValue!.map { $0.stringValue! })
        #expect(evidence.seenUuids == expected["seenUuids"]!.arrayValue!.map { $0.stringValue! })
        #expect(evidence.hasResumeMarker == expected["hasResumeMarker"]?.boolValue)
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func content(_ fileName: String) throws {
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["content"]!.arrayValue!
        #expect(records.content.count == expected.count)
        for (record, wanted) in zip(records.content, expected) {
            // expected.json names tool payloads by id instead of repeating them.
            var actual = record.object
            if let toolUse = actual["toolUse"]?.objectValue {
                actual["toolUse"] = nil
                actual["toolUseId"] = toolUse["id"]
                actual["toolName"] = toolUse["name"]
            }
            if let toolResult = actual["toolResult"]?.objectValue {
                actual["toolResult"] = nil
                actual["toolUseId"] = toolResult["toolUseId"]
                actual["isError"] = toolResult["isError"]
            }
            FixtureExpectations.expectSameFields(
                actual, wanted.objectValue!, ignoring: ["v", "source", "sessionId"], record.messageId)
            #expect(
                record.sessionId
                    == FixtureExpectations.expected(fileName)["inLogSessionIds"]?.arrayValue?.first?.stringValue)
        }
    }

    @Test(arguments: FixtureExpectations.fileNames)
    func incrementalViewOfCompleteFile(_ fileName: String) throws {
        // Every fixture ends with finished messages, so a one-shot parse emits what an incremental pass would.
        let records = try parse(fileName)
        let expected = FixtureExpectations.expected(fileName)["incremental"]!.objectValue!
        #expect(records.turns.map(\.messageId) == expected["turnMessageIds"]!.arrayValue!.map { $0.stringValue! })
        #expect(records.userTurns.map(\.userUuid) == expected["userTurnUuids"]!.arrayValue!.map { $0.stringValue! })
        #expect(records.toolResultEvents.count == expected["toolResultEventCount"]?.integerValue.map(Int.init))
        #expect(records.compactions.count == expected["compactionCount"]?.integerValue.map(Int.init))
        #expect(records.turns.allSatisfy { $0.stopReason != nil })
    }
}
