import RelayburnLedger
import RelayburnSQLite

extension StoreFactory {
    /// A fresh SQLite file per scenario, migrated on open like any store. A short lock lease keeps the
    /// dead-holder scenarios quick.
    public static let sqlite = StoreFactory(name: "sqlite") {
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        return try await SQLiteStore.open(path: path, appliedBy: "relayburn conformance", leaseMs: 3_000)
    }
}
