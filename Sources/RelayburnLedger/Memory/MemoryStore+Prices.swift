extension MemoryStore {
    public func prices() async throws -> [ModelPrice] {
        try loadBuiltInPricesIfNone()
        return storedPrices.values.sorted { left, right in
            (left.model, left.effectiveFrom, left.contextAbove) < (right.model, right.effectiveFrom, right.contextAbove)
        }
    }

    public func storePrices(_ prices: [ModelPrice]) async throws -> Int {
        var new = 0
        for price in prices where storedPrices[price.key] == nil {
            storedPrices[price.key] = price
            new += 1
        }
        return new
    }

    /// As the SQL stores: a store without any price gets the built-in snapshot first.
    func loadBuiltInPricesIfNone() throws {
        guard storedPrices.isEmpty else { return }
        for price in try PriceCatalogue.builtIn() where storedPrices[price.key] == nil {
            storedPrices[price.key] = price
        }
    }
}
