import RelayburnLedger
import RelayburnSQLite

extension StoreFactory {
    /// A fresh SQLite file per scenario, migrated on open like any store. The lock lease (renewed every third of
    /// it) is long enough that a holder on a loaded 2-core runner never lets it lapse mid-scenario.
    public static let sqlite = StoreFactory(name: "sqlite") {
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        return try await SQLiteStore.open(path: path, appliedBy: "relayburn conformance", leaseMs: 10_000)
    }
}
