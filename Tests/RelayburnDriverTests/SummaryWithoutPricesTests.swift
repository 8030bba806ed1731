import RelayburnLedger
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// A store without model_prices yet (another host still has migration 0010 to apply): summaries still answer,
/// every turn counted as unpriced and none priced at $0.
@Suite struct SummaryWithoutPricesTests {
    @Test(arguments: TestDatabase.enabledDialects)
    func turnsOfAStoreWithoutThePricesTableCountAsUnpriced(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let store = try await database.openStore(appliedBy: "relayburn tests")
        _ = try await store.appendTurns([
            try ConformanceFixtures.turn(),
            try ConformanceFixtures.turn(["messageId": "msg-2", "ts": "2026-04-21T00:00:00.000Z", "model": "gpt-5"]),
        ])
        // As the table is on a store at version 9.
        try await database.execute("DROP TABLE model_prices;")
        let summary = try await store.summary(LedgerQuery(), by: .model)
        #expect(summary.turns == 2)
        #expect(summary.unpricedTurns == 2)
        #expect(summary.unpricedModels == ["claude-sonnet-4-6", "gpt-5"])
        #expect(summary.cost == CostTotals())
        #expect(summary.groups.map(\.unpricedTurns) == [1, 1])
        await store.close()
    }
}
