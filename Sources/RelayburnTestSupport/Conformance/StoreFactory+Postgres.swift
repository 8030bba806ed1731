import RelayburnLedger
import RelayburnPostgres
import RelayburnSchema

extension StoreFactory {
    /// A fresh PostgreSQL database per scenario on the server `scripts/test` started, migrated on open.
    public static let postgres = StoreFactory(name: "postgres") {
        let database = try await TestDatabase.make(.postgres)
        return try await PostgresStore.open(conninfo: database.postgresURL ?? "", appliedBy: "relayburn conformance")
    }

    /// The adapters whose scenarios can run here: PostgreSQL joins when a server is configured (always on CI).
    public static var enabled: [StoreFactory] {
        TestDatabase.postgresEnabled ? [.memory, .sqlite, .postgres] : [.memory, .sqlite]
    }
}
