public import RelayburnSchema

/// A price catalogue in models.dev's shape: `{PROVIDER: {"models": {MODEL: {"cost": {"input", "output",
/// "reasoning", "cache_read", "cache_write", "tiers": [{"tier": {"type": "context", "size": N}, …rates}]}}}}}`,
/// rates in dollars per million tokens. Each model becomes a price under its own id and under
/// `PROVIDER/MODEL`; a model two providers list gets the first one's price (in the file's order) under its bare id.
/// A model without `cost` has no price (and is skipped, not refused).
public enum PriceCatalogue {
    /// The built-in snapshot's start: it applies to every turn before a newer import.
    public static let builtInEffectiveFrom = "1970-01-01T00:00:00.000Z"

    /// The snapshot compiled into this binary (`templates/data/model-prices.json`, November 2026).
    public static func builtIn(_ catalog: SchemaCatalog = .embedded) throws(PriceCatalogueError) -> [ModelPrice] {
        guard let text = catalog.data["model-prices.json"] else {
            throw PriceCatalogueError(path: "templates/data/model-prices.json", field: "", problem: "is missing")
        }
        return try parse(text, path: "built-in", effectiveFrom: builtInEffectiveFrom, source: "built-in")
    }

    /// Parses a catalogue.
    /// - Throws: ``PriceCatalogueError`` naming the file and the field (`anthropic.models.claude-x.cost.input`).
    public static func parse(
        _ text: String, path: String, effectiveFrom: String, source: String
    )
        throws(PriceCatalogueError) -> [ModelPrice]
    {
        func fail(_ field: String, _ problem: String) -> PriceCatalogueError {
            PriceCatalogueError(path: path, field: field, problem: problem)
        }
        let root: JSONValue
        do { root = try JSONValue.parse(text) } catch { throw fail("", "is not JSON: \(error)") }
        guard let providers = root.objectValue else { throw fail("", "is not a JSON object of providers") }
        var prices: [ModelPrice] = []
        // Which provider's price a bare model id gets: the first provider that lists it.
        var bareOwner: [String: String] = [:]
        for (provider, value) in providers.entries {
            guard let models = value.objectValue?["models"]?.objectValue else {
                throw fail(provider, "has no \"models\" object")
            }
            for (model, entry) in models.entries {
                let field = "\(provider).models.\(model)"
                guard let object = entry.objectValue else { throw fail(field, "is not an object") }
                guard let costValue = object["cost"] else { continue }
                guard let cost = costValue.objectValue else { throw fail("\(field).cost", "is not an object") }
                let ownsBare = bareOwner[model, default: provider] == provider
                bareOwner[model] = bareOwner[model] ?? provider
                var tiers: [(above: Int64, cost: JSONObject, field: String)] = [(0, cost, "\(field).cost")]
                if let tierList = cost["tiers"] {
                    guard let list = tierList.arrayValue else { throw fail("\(field).cost.tiers", "is not an array") }
                    for (index, tierValue) in list.enumerated() {
                        let tierField = "\(field).cost.tiers[\(index)]"
                        guard let tier = tierValue.objectValue, let shape = tier["tier"]?.objectValue else {
                            throw fail(tierField, "has no \"tier\" object")
                        }
                        guard shape["type"]?.stringValue == "context" else {
                            throw fail(
                                "\(tierField).tier.type", "is not \"context\" (the only tier kind relayburn knows)")
                        }
                        guard let size = shape["size"]?.integerValue, size > 0 else {
                            throw fail("\(tierField).tier.size", "is not a positive whole number of tokens")
                        }
                        tiers.append((size, tier, tierField))
                    }
                }
                for tier in tiers {
                    func rate(_ key: String, required: Bool) throws(PriceCatalogueError) -> Double? {
                        guard let value = tier.cost[key] else {
                            // A tier that leaves a rate out keeps the base rate.
                            if tier.above > 0, let base = cost[key]?.doubleValue { return base }
                            if required { throw fail("\(tier.field).\(key)", "is missing") }
                            return nil
                        }
                        guard let number = value.doubleValue, number >= 0, number.isFinite else {
                            throw fail(
                                "\(tier.field).\(key)", "is not a non-negative number of dollars per million tokens")
                        }
                        return number
                    }
                    let price = ModelPrice(
                        model: "\(provider)/\(model)", effectiveFrom: effectiveFrom, contextAbove: tier.above,
                        input: try rate("input", required: true) ?? 0, output: try rate("output", required: true) ?? 0,
                        reasoning: try rate("reasoning", required: false),
                        cacheRead: try rate("cache_read", required: false),
                        cacheWrite: try rate("cache_write", required: false), source: source)
                    prices.append(price)
                    if ownsBare {
                        var bare = price
                        bare.model = model
                        prices.append(bare)
                    }
                }
            }
        }
        return prices
    }
}

/// A catalogue that cannot be read, naming the file and the field.
public struct PriceCatalogueError: Error, Sendable, CustomStringConvertible {
    public let path: String
    /// Dotted, e.g. `anthropic.models.claude-haiku-4-5.cost.input`; empty for the whole file.
    public let field: String
    public let problem: String

    public var description: String {
        "\(path): \(field.isEmpty ? "the catalogue" : field) \(problem); no price was changed"
    }
}
