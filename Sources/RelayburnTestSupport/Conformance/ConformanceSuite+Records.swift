import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 8. Atomicity: a batch with one invalid record is rejected whole, naming the record, and stores nothing.
    public static func scenario8Atomicity(_ factory: StoreFactory) async throws {
        try await factory.withStore { (store: any StorageAdapter) async throws in
            let valid = ConformanceFixtures.fakeTurn
            let invalid = ConformanceFixtures.varying(valid, ["messageId": "msg-2", "model": nil])
            let batch: [JSONValue] = [.object(valid), .object(invalid)]
            let error = #expect(throws: RecordError.self) {
                try batch.enumerated().map { try TurnRecord.validate($0.element, index: $0.offset) }
            }
            #expect(error?.index == 1)
            #expect(error?.field == "model")
            #expect(try await store.turns(LedgerQuery(includeTwins: true)).isEmpty)

            let stamps: [JSONValue] = [
                [
                    "v": 1, "kind": "stamp", "ts": "t", "selector": ["sessionId": "s-1"],
                    "enrichment": ["parentAgentId": "p"],
                ],
                ["v": 1, "kind": "stamp", "ts": "t", "selector": [:], "enrichment": [:]],
            ]
            #expect(throws: RecordError.self) {
                try stamps.enumerated().map { try Stamp.validate($0.element, index: $0.offset) }
            }
            #expect(try await store.queryRelationships(LedgerQuery()).collect().isEmpty)
            #expect(try await store.listContentSessionIds().isEmpty)
        }
    }

    /// 9. Round trip: records with every optional field and unknown extra keys come back equal (key order may be
    /// normalised).
    public static func scenario9RoundTrip(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            typealias F = ConformanceFixtures
            let turn = try TurnRecord.validate(try F.object(F.fullTurnJSON), index: 0)
            let toolUse = try ContentRecord.validate(try F.object(F.fullContentToolUseJSON), index: 0)
            let toolResult = try ContentRecord.validate(try F.object(F.fullContentToolResultJSON), index: 1)
            let compaction = try CompactionEvent.validate(try F.object(F.fullCompactionJSON), index: 0)
            let relationship = try SessionRelationshipRecord.validate(try F.object(F.fullRelationshipJSON), index: 0)
            let event = try ToolResultEventRecord.validate(try F.object(F.fullToolResultEventJSON), index: 0)
            let userTurn = try UserTurnRecord.validate(try F.object(F.fullUserTurnJSON), index: 0)
            #expect(try await store.appendTurns([turn]) == 1)
            #expect(try await store.appendContent([toolUse, toolResult]) == 2)
            #expect(try await store.appendCompactions([compaction]) == 1)
            #expect(try await store.appendRelationships([relationship]) == 1)
            #expect(try await store.appendToolResultEvents([event]) == 1)
            #expect(try await store.appendUserTurns([userTurn]) == 1)

            let turns = try await store.queryTurns(LedgerQuery()).collect()
            #expect(Same.json(turns.map(\.turn.object), [turn.object]))
            #expect(turns.map(\.turn.id) == [turn.id])
            let toolUses = try await store.readContent(sessionId: "s-A", messageId: "m-2")
            #expect(Same.json(toolUses.map(\.object), [toolUse.object]))
            #expect(toolUses.map(\.id) == [toolUse.id])
            let toolResults = try await store.readContent(sessionId: "sess_01HZX", messageId: nil)
            #expect(Same.json(toolResults.map(\.object), [toolResult.object]))
            #expect(
                Same.json(try await store.queryCompactions(LedgerQuery()).collect().map(\.object), [compaction.object]))
            #expect(
                Same.json(
                    try await store.queryRelationships(LedgerQuery()).collect().map(\.object), [relationship.object]))
            #expect(
                Same.json(try await store.queryToolResultEvents(LedgerQuery()).collect().map(\.object), [event.object]))
            #expect(Same.json(try await store.queryUserTurns(LedgerQuery()).collect().map(\.object), [userTurn.object]))
        }
    }
}
