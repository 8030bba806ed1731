import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 5. Stamps: a sessionId stamp enriches that session's turns only; a messageId stamp one turn; the later
    /// `ts` wins on a shared key; a stamp written before its turn applies; ts and message ranges select the right
    /// turns; an empty selector is rejected.
    public static func scenario5Stamps(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            func turn(_ session: String, _ message: String, _ index: Int64, _ second: Int) throws -> TurnRecord {
                try ConformanceFixtures.turn([
                    "sessionId": .string(session), "messageId": .string(message), "turnIndex": .integer(index),
                    "ts": .string("2026-04-20T00:00:0\(second).000Z"),
                ])
            }
            func stamp(_ ts: String, _ selector: JSONObject, _ enrichment: JSONObject) throws -> Stamp {
                try ConformanceFixtures.stamp(ts: "2026-04-20T\(ts)Z", selector: selector, enrichment: enrichment)
            }
            let early = try stamp("00:00:00.000", ["sessionId": "s-3"], ["early": "yes"])
            _ = try await store.appendStamps([early])
            _ = try await store.appendTurns([
                try turn("s-1", "msg-1", 0, 0), try turn("s-1", "msg-2", 1, 1), try turn("s-1", "msg-3", 2, 2),
                try turn("s-2", "msg-1", 0, 3), try turn("s-3", "msg-1", 0, 4),
            ])
            _ = try await store.appendStamps([
                try stamp("01:00:00.000", ["sessionId": "s-1"], ["workflowId": "wf-1", "tier": "late"]),
                try stamp("00:30:00.000", ["sessionId": "s-1"], ["tier": "early"]),
                try stamp("00:10:00.000", ["messageId": "msg-2"], ["persona": "p"]),
                try stamp(
                    "00:10:00.000",
                    ["range": ["fromTs": "2026-04-20T00:00:01.000Z", "toTs": "2026-04-20T00:00:03.000Z"]], ["ts": "in"]),
                try stamp(
                    "00:10:00.000", ["sessionId": "s-1", "range": ["fromMessageId": "msg-1", "toMessageId": "msg-2"]],
                    ["range": "in"]),
            ])
            let enrichment = try await store.enrichments()
            #expect(enrichment["s-1/msg-1"] == ["workflowId": "wf-1", "tier": "late", "range": "in"])
            #expect(
                enrichment["s-1/msg-2"] == [
                    "workflowId": "wf-1", "tier": "late", "persona": "p", "ts": "in", "range": "in",
                ])
            #expect(enrichment["s-1/msg-3"] == ["workflowId": "wf-1", "tier": "late", "ts": "in"])
            #expect(enrichment["s-2/msg-1"] == ["ts": "in"])
            #expect(enrichment["s-3/msg-1"] == ["early": "yes"])

            for selector: JSONObject in [[:], ["range": [:]], ["range": ["fromMessageId": "msg-1"]], ["sessionId": ""]]
            {
                #expect(throws: RecordError.self, "selector \(JSONValue.object(selector).compactJSON) is rejected") {
                    try ConformanceFixtures.stamp(ts: "2026-04-20T00:00:00.000Z", selector: selector, enrichment: [:])
                }
            }
        }
    }

    /// 6. A stamp whose selector has `sessionId` and whose enrichment has `parentAgentId` records the `spawn-env`
    /// relationship (docs/records.md §6); other stamps record none.
    public static func scenario6SpawnRelationship(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let ts = "2026-04-20T00:00:00.000Z"
            let spawn = try ConformanceFixtures.stamp(
                ts: ts, selector: ["sessionId": "s-child"],
                enrichment: ["agentId": "ag-child", "parentAgentId": "ag-parent", "persona": "x"])
            #expect(try await store.appendStamps([spawn]) == 1)
            _ = try await store.appendStamps([
                try ConformanceFixtures.stamp(
                    ts: ts, selector: ["messageId": "m-1"], enrichment: ["parentAgentId": "p"]),
                try ConformanceFixtures.stamp(
                    ts: ts, selector: ["sessionId": "s-other"], enrichment: ["parentAgentId": ""]),
                try ConformanceFixtures.stamp(
                    ts: ts, selector: ["sessionId": "s-lone"], enrichment: ["parentAgentId": "p-2"]),
            ])
            let expected: JSONObject = [
                "v": 1, "source": "spawn-env", "sessionId": "s-child", "relatedSessionId": "ag-parent",
                "relationshipType": "subagent", "ts": .string(ts), "agentId": "ag-child",
            ]
            let lone: JSONObject = [
                "v": 1, "source": "spawn-env", "sessionId": "s-lone", "relatedSessionId": "p-2",
                "relationshipType": "subagent", "ts": .string(ts),
            ]
            let relationships = try await store.queryRelationships(LedgerQuery()).collect()
            #expect(Set(relationships.map(\.object.canonicalJSON)) == [expected.canonicalJSON, lone.canonicalJSON])
            #expect(relationships.first { $0.sessionId == "s-child" }?.id == "cb930510593fe961")
            #expect(try await store.appendStamps([spawn]) == 0)
            #expect(try await store.queryRelationships(LedgerQuery(sessionId: "ag-parent")).collect().count == 1)
        }
    }
}
