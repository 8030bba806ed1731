/// The newest migrations the code needs, so a host never waits for another host's migration its own code does not
/// use (DESIGN §9). Raise these when code starts to depend on a newer migration.
public enum LedgerSchema {
    /// Appends, queries, summaries, content and locks: up to `0006_content_search`.
    public static let requiredVersion = 6
    /// `prices`: `0010_model_prices`. `summary` does not wait for it: on a store without prices yet it counts every
    /// turn as unpriced (summary_without_prices.sql) rather than wait for another host's migration.
    public static let pricesRequiredVersion = 10
    /// The collector server and `relayburn keys`: `0007_api_keys` (keys and lease fences).
    public static let collectorRequiredVersion = 7
}
