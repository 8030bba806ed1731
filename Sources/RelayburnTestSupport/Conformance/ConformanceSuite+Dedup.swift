import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 1. Two turns appended in one batch come back; re-appending them reports 0 new and still 2 rows.
    /// Duplicates inside a batch collapse to the first, and the first writer wins.
    public static func scenario1TurnDedup(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let first = try ConformanceFixtures.turn()
            let second = try ConformanceFixtures.turn([
                "messageId": "msg-2", "turnIndex": 1, "ts": "2026-04-20T00:00:01.000Z",
            ])
            #expect(try await store.appendTurns([first, second]) == 2)
            let stored = try await store.queryTurns(LedgerQuery()).collect()
            #expect(Same.json(stored.map(\.turn.object), [first.object, second.object]))
            #expect(stored.allSatisfy { $0.enrichment.isEmpty })
            #expect(try await store.appendTurns([first, second]) == 0)
            #expect(try await store.turns().count == 2)

            let third = try ConformanceFixtures.turn(["messageId": "msg-3", "ts": "2026-04-20T00:00:02.000Z"])
            #expect(try await store.appendTurns([third, third, first]) == 1)
            let rewritten = try ConformanceFixtures.turn(["model": "other-model"])
            #expect(try await store.appendTurns([rewritten]) == 0)
            let kept = try await store.turns(LedgerQuery(includeTwins: true)).filter { $0.id == first.id }
            #expect(kept.map(\.model) == ["claude-sonnet-4-6"])
        }
    }

    /// 2. Each other kind (compaction, relationship, tool-result event, user turn, content, stamp) appended twice
    /// is stored once.
    public static func scenario2OtherKindsDedup(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let compaction = try ConformanceFixtures.compaction()
            #expect(try await store.appendCompactions([compaction, compaction]) == 1)
            #expect(try await store.appendCompactions([compaction]) == 0)
            let compactions = try await store.queryCompactions(LedgerQuery()).collect()
            #expect(Same.json(compactions.map(\.object), [compaction.object]))

            let relationship = try ConformanceFixtures.relationship()
            #expect(try await store.appendRelationships([relationship, relationship]) == 1)
            #expect(try await store.appendRelationships([relationship]) == 0)
            let relationships = try await store.queryRelationships(LedgerQuery()).collect()
            #expect(Same.json(relationships.map(\.object), [relationship.object]))

            let event = try ConformanceFixtures.toolResultEvent()
            #expect(try await store.appendToolResultEvents([event, event]) == 1)
            #expect(try await store.appendToolResultEvents([event]) == 0)
            let events = try await store.queryToolResultEvents(LedgerQuery()).collect()
            #expect(Same.json(events.map(\.object), [event.object]))

            let userTurn = try ConformanceFixtures.userTurn()
            #expect(try await store.appendUserTurns([userTurn, userTurn]) == 1)
            #expect(try await store.appendUserTurns([userTurn]) == 0)
            let userTurns = try await store.queryUserTurns(LedgerQuery()).collect()
            #expect(Same.json(userTurns.map(\.object), [userTurn.object]))

            let content = try ConformanceFixtures.content()
            #expect(try await store.appendContent([content, content]) == 1)
            #expect(try await store.appendContent([content]) == 0)
            let contents = try await store.queryContent(LedgerQuery()).collect()
            #expect(Same.json(contents.map(\.object), [content.object]))
            // Content identity is the canonical form: another key order is the same record.
            let reordered = try ContentRecord.validate(
                .object(JSONObject(content.object.entries.reversed().map { ($0.key, $0.value) })), index: 0)
            #expect(try await store.appendContent([reordered]) == 0)
            #expect(try await store.readContent(sessionId: "s-1", messageId: nil).count == 1)

            let stamp = try ConformanceFixtures.stamp(
                ts: "2026-04-20T00:00:00.000Z", selector: ["sessionId": "s-1"], enrichment: ["tier": "gold"])
            #expect(try await store.appendStamps([stamp, stamp]) == 1)
            #expect(try await store.appendStamps([stamp]) == 0)
        }
    }
}
