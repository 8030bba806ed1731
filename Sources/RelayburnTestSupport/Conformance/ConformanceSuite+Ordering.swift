import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 12. Results come back in the order of docs/records.md §5 whatever the append order: turns by
    /// `(ts, sessionId, turnIndex, id)`, every other kind by `(ts, id)` with records without `ts` first.
    public static func scenario12Ordering(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let t0 = "2026-04-20T00:00:00.000Z"
            let t1 = "2026-04-20T00:00:01.000Z"
            let t2 = "2026-04-20T00:00:02.000Z"
            func turn(_ message: String, _ ts: String, _ session: String, _ index: Int64, input: Int64 = 100) throws
                -> TurnRecord
            {
                try ConformanceFixtures.turn([
                    "sessionId": .string(session), "messageId": .string(message), "turnIndex": .integer(index),
                    "ts": .string(ts), "usage": .object(usage(input: input)),
                ])
            }
            let e = try turn("e", t2, "s-a", 0, input: 1)
            let f = try turn("f", t2, "s-a", 0, input: 2)
            _ = try await store.appendTurns([e, try turn("a", t1, "s-b", 0, input: 3)])
            _ = try await store.appendTurns([try turn("b", t1, "s-a", 1, input: 4), f])
            _ = try await store.appendTurns([try turn("c", t1, "s-a", 0, input: 5), try turn("d", t0, "s-z", 5)])
            let tail = e.id.utf8.lexicographicallyPrecedes(f.id.utf8) ? ["e", "f"] : ["f", "e"]
            #expect(try await store.messageIds() == ["d", "c", "b", "a"] + tail)

            let relationships = try ["r1", "r2", "r3", "r4"].map { parent in
                try ConformanceFixtures.relationship([
                    "relatedSessionId": .string(parent),
                    "ts": parent == "r3" ? .string(t1) : parent == "r4" ? .string(t0) : nil,
                ])
            }
            _ = try await store.appendRelationships(relationships.reversed())
            let untimed = relationships.prefix(2).map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let read = try await store.queryRelationships(LedgerQuery()).collect()
            #expect(read.map(\.id) == untimed + [relationships[3].id, relationships[2].id])

            let compactions = try ["s-1", "s-2", "s-3"].map {
                try ConformanceFixtures.compaction(["sessionId": .string($0)])
            }
            let later = try ConformanceFixtures.compaction(["ts": .string(t1)])
            _ = try await store.appendCompactions([later] + compactions)
            let compactionIds = try await store.queryCompactions(LedgerQuery()).collect().map(\.id)
            #expect(
                compactionIds == compactions.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } + [
                    later.id
                ])

            let events = try (0..<3).map { index in
                try ConformanceFixtures.toolResultEvent([
                    "eventIndex": .integer(index), "ts": index == 0 ? .string(t1) : nil,
                ])
            }
            _ = try await store.appendToolResultEvents(events)
            let eventIds = try await store.queryToolResultEvents(LedgerQuery()).collect().map(\.id)
            #expect(
                eventIds == events.suffix(2).map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } + [
                    events[0].id
                ])

            let users = try ["u-3", "u-1", "u-2"].map { try ConformanceFixtures.userTurn(["userUuid": .string($0)]) }
            let earlyUser = try ConformanceFixtures.userTurn(["userUuid": "u-0", "ts": .string(t0)])
            _ = try await store.appendUserTurns(users + [earlyUser])
            let userIds = try await store.queryUserTurns(LedgerQuery()).collect().map(\.id)
            #expect(userIds == [earlyUser.id] + users.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    /// The `usage` object of ``ConformanceFixtures/fakeTurn`` with another input count.
    static func usage(input: Int64) -> JSONObject {
        [
            "input": .integer(input), "output": 50, "reasoning": 0, "cacheRead": 1000, "cacheCreate5m": 0,
            "cacheCreate1h": 0,
        ]
    }
}
