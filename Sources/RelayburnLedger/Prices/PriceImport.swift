/// Which prices of a catalogue are changes worth storing: for each model, the catalogue's tiers as a new period
/// starting at the import, unless they charge exactly what the model's current period does. So importing the same
/// catalogue twice stores its prices once, and a price change starts a new period without rewriting the cost of
/// earlier turns.
public enum PriceImport {
    /// The prices to store. `catalogue` carries the period's start (its `effectiveFrom`); `current` is what the
    /// store holds.
    public static func changes(_ catalogue: [ModelPrice], current: [ModelPrice]) -> [ModelPrice] {
        var latest: [String: [ModelPrice]] = [:]
        for price in current {
            guard let period = latest[price.model]?.first?.effectiveFrom else {
                latest[price.model] = [price]
                continue
            }
            if price.effectiveFrom > period {
                latest[price.model] = [price]
            } else if price.effectiveFrom == period {
                latest[price.model]?.append(price)
            }
        }
        var byModel: [String: [ModelPrice]] = [:]
        var order: [String] = []
        for price in catalogue {
            if byModel[price.model] == nil { order.append(price.model) }
            byModel[price.model, default: []].append(price)
        }
        return order.flatMap { model -> [ModelPrice] in
            let offered = byModel[model] ?? []
            let stored = latest[model] ?? []
            let same =
                offered.count == stored.count
                && offered.allSatisfy { price in stored.contains { $0.chargesTheSame(as: price) } }
            return same ? [] : offered
        }
    }
}
