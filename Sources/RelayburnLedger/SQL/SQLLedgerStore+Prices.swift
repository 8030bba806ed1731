import RelayburnSchema

extension SQLLedgerStore {
    public func prices() async throws -> [ModelPrice] {
        try await loadBuiltInPricesIfNone()
        return try await reader.listPrices()
    }

    public func storePrices(_ prices: [ModelPrice]) async throws -> Int {
        guard !prices.isEmpty else { return 0 }
        let importedAt = UTCTimestamp.now()
        return try await insert([(prices.map { $0.storedColumns(importedAt: importedAt) }, statements.insertPrice)])
            .first ?? 0
    }

    /// Loads the built-in snapshot into a store that has no price yet. Two hosts doing it at once store it once:
    /// the rows' keys are the same, and the insert skips stored keys.
    ///
    /// - Returns: `false` when the store has no model_prices table yet (it is at a version before 0010).
    @discardableResult
    func loadBuiltInPricesIfNone() async throws -> Bool {
        guard let has = try await reader.hasPrices() else { return false }
        if !has { _ = try await storePrices(try PriceCatalogue.builtIn()) }
        return true
    }
}

extension ModelPrice {
    /// The parameters of `templates/ledger/model_prices/insert.sql`.
    func storedColumns(importedAt: String) -> [String: SQLValue] {
        [
            "price_key": .text(key), "model": .text(model), "effective_from": .text(effectiveFrom),
            "context_above": .integer(contextAbove), "input_per_mtok": .real(input), "output_per_mtok": .real(output),
            "reasoning_per_mtok": reasoning.map(SQLValue.real) ?? .null,
            "cache_read_per_mtok": cacheRead.map(SQLValue.real) ?? .null,
            "cache_write_per_mtok": cacheWrite.map(SQLValue.real) ?? .null, "source": .text(source),
            "imported_at": .text(importedAt),
        ]
    }

    /// A row of `templates/ledger/model_prices/list.sql`.
    init?(row: [SQLValue]) {
        guard row.count >= 9, let model = row[0].textValue, let effectiveFrom = row[1].textValue,
            let contextAbove = row[2].integerValue, let input = row[3].realValue, let output = row[4].realValue
        else { return nil }
        self.init(
            model: model, effectiveFrom: effectiveFrom, contextAbove: contextAbove, input: input, output: output,
            reasoning: row[5].realValue, cacheRead: row[6].realValue, cacheWrite: row[7].realValue,
            source: row[8].textValue ?? "")
    }
}
