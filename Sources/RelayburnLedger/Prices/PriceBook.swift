/// Prices arranged for looking turns up, by the rule summary.sql applies in SQL (for the memory store, which has
/// no SQL): the first name of ``ModelName/candidates(_:)`` that has a price; of it, the latest period that started
/// at or before the turn; in it, the highest tier the turn's context exceeds.
struct PriceBook {
    /// By model: newest start first, then highest tier first.
    private let byModel: [String: [ModelPrice]]

    init(_ prices: [ModelPrice]) {
        var byModel: [String: [ModelPrice]] = [:]
        for price in prices { byModel[price.model, default: []].append(price) }
        self.byModel = byModel.mapValues { list in
            list.sorted { left, right in
                left.effectiveFrom != right.effectiveFrom
                    ? left.effectiveFrom > right.effectiveFrom : left.contextAbove > right.contextAbove
            }
        }
    }

    /// The price of a turn of `model` at `ts` with `usage`, or `nil` when none applies.
    func price(model: String, ts: String, usage: Usage) -> ModelPrice? {
        let context = usage.input &+ usage.cacheRead &+ usage.cacheCreate5m &+ usage.cacheCreate1h
        for name in ModelName.candidates(model) {
            guard let list = byModel[name] else { continue }
            if let price = list.first(where: {
                $0.effectiveFrom <= ts && ($0.contextAbove == 0 || $0.contextAbove < context)
            }) {
                return price
            }
        }
        return nil
    }

    /// What `usage` costs at `price`, with summary.sql's fallbacks for absent rates.
    static func cost(of usage: Usage, at price: ModelPrice) -> CostTotals {
        CostTotals(
            input: Double(usage.input) * price.input / 1_000_000,
            output: Double(usage.output) * price.output / 1_000_000,
            reasoning: Double(usage.reasoning) * (price.reasoning ?? price.output) / 1_000_000,
            cacheRead: Double(usage.cacheRead) * (price.cacheRead ?? price.input) / 1_000_000,
            cacheCreate: Double(usage.cacheCreate5m &+ usage.cacheCreate1h) * (price.cacheWrite ?? price.input)
                / 1_000_000)
    }
}
