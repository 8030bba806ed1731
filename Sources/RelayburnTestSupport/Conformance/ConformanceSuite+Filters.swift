import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 4. Filters: sessionId, source, project (path and projectKey), since/until (inclusive), enrichment;
    /// relationships also match `relatedSessionId`; records without `ts` pass time filters.
    public static func scenario4Filters(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let day2 = "2026-04-21T00:00:00.000Z"
            _ = try await store.appendTurns([
                try ConformanceFixtures.turn(),
                try ConformanceFixtures.turn([
                    "source": "codex", "sessionId": "s-2", "messageId": "msg-2", "ts": .string(day2),
                    "project": "/home/x", "projectKey": "github.com/org/repo",
                ]),
                try ConformanceFixtures.turn([
                    "messageId": "msg-3", "turnIndex": 1, "ts": "2026-04-22T00:00:00.000Z", "project": nil,
                ]),
            ])
            _ = try await store.appendStamps([
                try ConformanceFixtures.stamp(
                    ts: "2026-04-23T00:00:00.000Z", selector: ["sessionId": "s-2"], enrichment: ["workflowId": "wf-1"])
            ])
            func ids(_ query: LedgerQuery) async throws -> [String] { try await store.messageIds(query) }
            #expect(try await ids(LedgerQuery()) == ["msg-1", "msg-2", "msg-3"])
            #expect(try await ids(LedgerQuery(sessionId: "s-1")) == ["msg-1", "msg-3"])
            #expect(try await ids(LedgerQuery(sessionId: "")) == ["msg-1", "msg-2", "msg-3"], "empty = absent")
            #expect(try await ids(LedgerQuery(source: "codex")) == ["msg-2"])
            #expect(try await ids(LedgerQuery(project: "/tmp/project")) == ["msg-1"])
            #expect(try await ids(LedgerQuery(project: "/home/x")) == ["msg-2"])
            #expect(try await ids(LedgerQuery(project: "github.com/org/repo")) == ["msg-2"])
            #expect(try await ids(LedgerQuery(since: day2)) == ["msg-2", "msg-3"])
            #expect(try await ids(LedgerQuery(until: day2)) == ["msg-1", "msg-2"])
            #expect(try await ids(LedgerQuery(since: day2, until: day2)) == ["msg-2"])
            #expect(try await ids(LedgerQuery(enrichment: ["workflowId": "wf-1"])) == ["msg-2"])
            #expect(try await ids(LedgerQuery(enrichment: ["workflowId": "wf-2"])) == [])
            #expect(try await ids(LedgerQuery(sessionId: "s-1", source: "claude-code")) == ["msg-1", "msg-3"])

            try await checkRelationshipAndUntimedFilters(store)
        }
    }

    private static func checkRelationshipAndUntimedFilters(_ store: any StorageAdapter) async throws {
        let timed = try ConformanceFixtures.relationship()
        let untimed = try ConformanceFixtures.relationship([
            "sessionId": "s-3", "relatedSessionId": "s-1", "relationshipType": "fork", "ts": nil,
        ])
        _ = try await store.appendRelationships([timed, untimed])
        func sessions(_ query: LedgerQuery) async throws -> [String] {
            try await store.queryRelationships(query).collect().map(\.sessionId)
        }
        #expect(try await sessions(LedgerQuery(sessionId: "s-parent")) == ["s-1"])
        #expect(try await sessions(LedgerQuery(sessionId: "s-1")) == ["s-3", "s-1"])
        #expect(try await sessions(LedgerQuery(sessionId: "s-9")) == [])
        #expect(try await sessions(LedgerQuery(since: "2027-01-01T00:00:00.000Z")) == ["s-3"])
        #expect(try await sessions(LedgerQuery(source: "codex")) == [])

        _ = try await store.appendToolResultEvents([try ConformanceFixtures.toolResultEvent(["ts": nil])])
        let events = try await store.queryToolResultEvents(LedgerQuery(until: "2000-01-01T00:00:00.000Z")).collect()
        #expect(events.count == 1, "events without ts pass time filters")

        _ = try await store.appendCompactions([try ConformanceFixtures.compaction()])
        let compactions = try await store.queryCompactions(LedgerQuery(project: "/elsewhere")).collect()
        #expect(compactions.count == 1, "project filters turns only")
        let none = try await store.queryCompactions(LedgerQuery(sessionId: "s-2")).collect()
        #expect(none.isEmpty)

        _ = try await store.appendContent([try ConformanceFixtures.content()])
        let content = try await store.queryContent(
            LedgerQuery(since: "2026-04-20T00:00:00.000Z", source: "claude-code")
        )
        .collect()
        #expect(content.count == 1)
        #expect(try await store.queryContent(LedgerQuery(since: "2026-04-20T00:00:00.001Z")).collect().isEmpty)
    }
}
