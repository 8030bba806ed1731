import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 13. Summaries total canonical turns matching the query and group them by model, project, session or day.
    public static func scenario13Summary(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            _ = try await store.appendTurns([
                try ConformanceFixtures.turn(),
                try ConformanceFixtures.turn(["messageId": "twin"]),
                try ConformanceFixtures.turn([
                    "sessionId": "s-2", "messageId": "msg-2", "ts": "2026-04-21T10:00:00.000Z", "model": "gpt-5",
                    "project": nil, "usage": .object(usage(input: 7)),
                ]),
            ])
            let all = try await store.summary(LedgerQuery(), by: nil)
            #expect(all.turns == 2)
            #expect(all.usage == UsageTotals(input: 107, output: 100, cacheRead: 2000))
            #expect(all.groups.isEmpty)

            let byModel = try await store.summary(LedgerQuery(), by: .model)
            #expect(byModel.groups.map(\.key) == ["claude-sonnet-4-6", "gpt-5"])
            let byProject = try await store.summary(LedgerQuery(), by: .project)
            #expect(byProject.groups.map(\.key) == [nil, "/tmp/project"])
            let byDay = try await store.summary(LedgerQuery(), by: .day)
            #expect(byDay.groups.map(\.key) == ["2026-04-20", "2026-04-21"])
            let bySession = try await store.summary(LedgerQuery(source: "claude-code"), by: .session)
            #expect(bySession.groups.map(\.key) == ["s-1", "s-2"])
            #expect(bySession.groups.map(\.usage.input) == [100, 7])

            let filtered = try await store.summary(LedgerQuery(since: "2026-04-21T00:00:00.000Z"), by: .model)
            #expect(filtered.turns == 1)
            #expect(filtered.groups.map(\.key) == ["gpt-5"])
            #expect(filtered.groups.map(\.turns) == [1])
            #expect(filtered.groups.map(\.usage) == [UsageTotals(input: 7, output: 50, cacheRead: 1000)])
        }
    }
}
