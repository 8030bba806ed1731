import Testing

@testable import RelayburnLedger

/// The Swift side of the pricing rules summary.sql applies in SQL (the memory store's), and the catalogue reader.
@Suite struct PriceRulesTests {
    @Test func modelNamesAreTriedAsWrittenThenWithoutProviderThenWithoutDate() {
        #expect(ModelName.candidates("claude-haiku-4-5") == ["claude-haiku-4-5"])
        #expect(ModelName.candidates("claude-haiku-4-5-20251001") == ["claude-haiku-4-5-20251001", "claude-haiku-4-5"])
        #expect(
            ModelName.candidates("openrouter/anthropic/claude-opus-4-7@20261015") == [
                "openrouter/anthropic/claude-opus-4-7@20261015", "claude-opus-4-7@20261015",
                "openrouter/anthropic/claude-opus-4-7", "claude-opus-4-7",
            ])
        #expect(ModelName.candidates("gemini-3-pro-2026-05-06") == ["gemini-3-pro-2026-05-06", "gemini-3-pro"])
        // Eight digits alone, or without the separator, are not a date suffix.
        #expect(ModelName.candidates("-20251001") == ["-20251001"])
        #expect(ModelName.candidates("model20251001") == ["model20251001"])
    }

    @Test func weeksAreNamedByTheirMonday() {
        #expect(UTCWeek.monday(ofDay: "2026-12-03") == "2026-11-30")
        #expect(UTCWeek.monday(ofDay: "2026-11-30") == "2026-11-30")
        #expect(UTCWeek.monday(ofDay: "2026-12-06") == "2026-11-30", "a Sunday belongs to the week before")
        #expect(UTCWeek.monday(ofDay: "2027-01-01") == "2026-12-28", "across a year")
        #expect(UTCWeek.monday(ofDay: "2024-03-01") == "2024-02-26", "across a leap day")
        #expect(UTCWeek.monday(ofDay: "not-a-day") == nil)
    }

    @Test func theBuiltInSnapshotParsesWithTiersAndBothNames() throws {
        let prices = try PriceCatalogue.builtIn()
        let qwen = prices.filter { $0.model == "qwen3.6-plus" }.sorted { $0.contextAbove < $1.contextAbove }
        #expect(qwen.map(\.contextAbove) == [0, 256_000])
        #expect(qwen.last?.input == 2 && qwen.last?.cacheWrite == 2.5)
        #expect(prices.contains { $0.model == "alibaba/qwen3.6-plus" })
        // glm-5.2 is listed by two providers: the bare name takes the first one's price (file order).
        let glm = prices.filter { $0.model.hasSuffix("glm-5.2") }.map { "\($0.model) \($0.cacheRead ?? -1)" }.sorted()
        #expect(glm == ["alibaba/glm-5.2 0.28", "glm-5.2 0.28", "zai/glm-5.2 0.26"])
    }

    @Test func anImportStoresOnlyModelsWhosePriceChanged() {
        let old = ModelPrice(model: "m", effectiveFrom: "1970-01-01T00:00:00.000Z", input: 1, output: 2, source: "a")
        let same = ModelPrice(model: "m", effectiveFrom: "2026-06-01T00:00:00.000Z", input: 1, output: 2, source: "b")
        #expect(PriceImport.changes([same], current: [old]).isEmpty)
        var dearer = same
        dearer.output = 3
        #expect(PriceImport.changes([dearer], current: [old]) == [dearer])
        // A new tier is a change of the whole period, so the base row comes along.
        let tier = ModelPrice(
            model: "m", effectiveFrom: same.effectiveFrom, contextAbove: 200_000, input: 2, output: 4, source: "b")
        #expect(PriceImport.changes([same, tier], current: [old]) == [same, tier])
        #expect(PriceImport.changes([same], current: []) == [same])
    }
}
