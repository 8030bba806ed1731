import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 16. Cost: every turn priced with the built-in snapshot by the rules of summary.sql, figures computed by hand
    /// from the snapshot's rates (dollars per million tokens): a plain model, a tiered one below and above its
    /// threshold, one without a cache-write rate, a dated and a provider-prefixed name, and an unpriced model.
    /// Then a price change from a later time leaves earlier turns' cost alone and applies to later ones.
    public static func scenario16Cost(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            func turn(
                _ id: String, _ model: String, ts: String = "2026-04-20T00:00:00.000Z", _ usage: JSONObject
            )
                throws -> TurnRecord
            {
                var full: JSONObject = [
                    "input": 0, "output": 0, "reasoning": 0, "cacheRead": 0, "cacheCreate5m": 0, "cacheCreate1h": 0,
                ]
                for (key, value) in usage.entries { full[key] = value }
                return try ConformanceFixtures.turn([
                    "messageId": .string(id), "model": .string(model), "ts": .string(ts), "usage": .object(full),
                ])
            }
            _ = try await store.appendTurns([
                // 1000×3 + 2000×15 + 10000×0.3 + (400+100)×3.75 = 0.003 + 0.03 + 0.003 + 0.001875
                try turn(
                    "m-sonnet", "claude-sonnet-4-6",
                    ["input": 1000, "output": 2000, "cacheRead": 10000, "cacheCreate5m": 400, "cacheCreate1h": 100]),
                // context 150000 ≤ 256000: base rates 0.5 / 3 / 0.05 → 0.05 + 0.003 + 0.0025
                try turn("m-qwen-low", "qwen3.6-plus", ["input": 100000, "output": 1000, "cacheRead": 50000]),
                // context 300000 > 256000: tier rates 2 / 6 / 0.2 → 0.4 + 0.006 + 0.02
                try turn("m-qwen-high", "qwen3.6-plus", ["input": 200000, "output": 1000, "cacheRead": 100000]),
                // no cache_write: cache creation at the input rate 0.14 → 0.00014 + 0.00028 + 0.00014
                try turn("m-deepseek", "deepseek-chat", ["input": 1000, "output": 1000, "cacheCreate5m": 1000]),
                // a date suffix dropped: claude-opus-4-7 at 5 / 25 → 0.0005 + 0.0025
                try turn("m-opus-dated", "claude-opus-4-7-20261015", ["input": 100, "output": 100]),
                // a provider prefix dropped: claude-sonnet-4-6 → 0.003
                try turn("m-sonnet-routed", "openrouter/anthropic/claude-sonnet-4-6", ["input": 1000]),
                // no price anywhere: counted, not priced
                try turn("m-local", "my-local-model", ["input": 500, "output": 500]),
            ])
            let summary = try await store.summary(LedgerQuery(), by: .model)
            func cost(_ model: String) -> CostTotals? { summary.groups.first { $0.key == model }?.cost.rounded }
            #expect(
                cost("claude-sonnet-4-6")
                    == CostTotals(input: 0.003, output: 0.03, reasoning: 0, cacheRead: 0.003, cacheCreate: 0.001875))
            #expect(cost("qwen3.6-plus") == CostTotals(input: 0.45, output: 0.009, cacheRead: 0.0225))
            #expect(cost("deepseek-chat") == CostTotals(input: 0.00014, output: 0.00028, cacheCreate: 0.00014))
            #expect(cost("claude-opus-4-7-20261015") == CostTotals(input: 0.0005, output: 0.0025))
            #expect(cost("openrouter/anthropic/claude-sonnet-4-6") == CostTotals(input: 0.003))
            #expect(cost("my-local-model") == CostTotals())
            #expect(summary.unpricedTurns == 1)
            #expect(summary.unpricedModels == ["my-local-model"])
            #expect(summary.groups.first { $0.key == "my-local-model" }?.unpricedTurns == 1)
            let expectedTotal = 0.037875 + 0.0555 + 0.426 + 0.00056 + 0.003 + 0.003
            #expect(abs(summary.cost.total - expectedTotal) < 1e-9, "\(summary.cost.total)")
            #expect(summary.json.contains(#""totalCost":0.525935,"#), "\(summary.json)")

            // A new price for claude-sonnet-4-6 from June on: April's turn keeps its cost, July's gets the new one.
            let june = ModelPrice(
                model: "claude-sonnet-4-6", effectiveFrom: "2026-06-01T00:00:00.000Z", input: 6, output: 30,
                source: "test")
            let stored: Int
            do {
                stored = try await store.storePrices(PriceImport.changes([june], current: try await store.prices()))
            } catch {
                // An http store keeps no prices of its own (they are the server's database's).
                #expect(String(describing: error).contains("prices are kept in the server's database"))
                return
            }
            #expect(stored == 1)
            #expect(try await store.storePrices(PriceImport.changes([june], current: try await store.prices())) == 0)
            _ = try await store.appendTurns([
                try turn("m-sonnet-july", "claude-sonnet-4-6", ts: "2026-07-01T00:00:00.000Z", ["input": 1000])
            ])
            let april = try await store.summary(LedgerQuery(until: "2026-05-01T00:00:00.000Z"), by: .model)
            let aprilCost = april.groups.first { $0.key == "claude-sonnet-4-6" }?.cost.total ?? 0
            #expect(abs(aprilCost - 0.037875) < 1e-9, "\(aprilCost)")
            let july = try await store.summary(LedgerQuery(since: "2026-06-01T00:00:00.000Z"), by: nil)
            // 1000 input at the new 6 per million; cache reads, had there been any, fall back to the input rate.
            #expect(july.cost.rounded == CostTotals(input: 0.006))
        }
    }
}
