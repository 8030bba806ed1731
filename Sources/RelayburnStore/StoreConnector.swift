import RelayburnPostgres
import RelayburnSQLite
public import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

/// Opens the schema core's driver for a configured store.
public enum StoreConnector {
    /// Connects to the database `settings` describe without migrating it; the identity becomes the
    /// application name shown in `pg_stat_activity`, so a lock-timeout message elsewhere can name us.
    /// - Throws: `ConfigurationError` for stores without a schema (`memory:`, `http`), `DatabaseError` when the
    ///   database cannot be opened.
    public static func migrationDriver(
        _ settings: StoreSettings, catalog: SchemaCatalog = .embedded
    ) async throws -> any MigrationDriver {
        let applicationName = "relayburn \(settings.identity)"
        switch settings.location {
        case .sqlite(let path):
            try ensureParentDirectory(of: path, home: settings.home)
            let database = try await SQLiteDatabase.open(path: path, catalog: catalog)
            return SQLiteMigrationDriver(database: database, catalog: catalog)
        case .postgres(let conninfo):
            let database = try await PostgresDatabase.connect(
                conninfo: conninfo, applicationName: applicationName, catalog: catalog)
            return PostgresMigrationDriver(database: database, catalog: catalog)
        case .http:
            throw ConfigurationError(
                "the http store has no schema here: the relayburn server migrates its own database; point --store at "
                    + "the database itself to migrate it")
        case .memory:
            throw ConfigurationError("the memory: store has no schema to migrate; use a sqlite: or postgres:// store")
        }
    }

    /// The no-op `migrate` answered on the calling thread (``MigrationRunner/noOpReport(to:on:)``), without the
    /// hops to a connection thread and back: ``NoOpMigration/upToDate(_:)`` when the store is already at `target`
    /// (its connection closed), ``NoOpMigration/needsRunner(_:)`` with the open driver when the runner has work, so
    /// it need not connect again, and ``NoOpMigration/notOpened`` for a SQLite file not created yet and for `http`
    /// and `memory:` stores.
    ///
    /// - Throws: what the runner's fast path throws, `DatabaseError` when the database cannot be opened.
    public static func noOpMigration(
        _ settings: StoreSettings, to target: Int?, catalog: SchemaCatalog = .embedded
    ) throws -> NoOpMigration {
        switch settings.location {
        case .sqlite(let path):
            guard let (driver, report) = try openSQLiteAtNoOp(path, settings, to: target, catalog: catalog) else {
                return .notOpened
            }
            guard let report else { return .needsRunner(driver) }
            driver.database.closeBlocking()
            return .upToDate(report)
        case .postgres(let conninfo):
            let database = try PostgresDatabase.connectBlocking(
                conninfo: conninfo, applicationName: "relayburn \(settings.identity)", catalog: catalog)
            let driver = PostgresMigrationDriver(database: database, catalog: catalog)
            let runner = MigrationRunner(driver: driver, catalog: catalog, appliedBy: settings.identity)
            let report = try driver.withConnectionBlocking { try runner.noOpReport(to: target, on: $0) }
            // The session ends when the last reference to the database goes.
            return report.map(NoOpMigration.upToDate) ?? .needsRunner(driver)
        case .http, .memory:
            return .notOpened
        }
    }

    /// Opens an existing SQLite file on the calling thread and runs the no-op check on it: `nil` for a missing
    /// file (every migration to apply; the full path creates it, and the default directory), else the open driver
    /// and the runner's report when the store is already at `target`.
    static func openSQLiteAtNoOp(
        _ path: String, _ settings: StoreSettings, to target: Int?, catalog: SchemaCatalog
    ) throws -> (driver: SQLiteMigrationDriver, report: MigrationReport?)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let driver = SQLiteMigrationDriver(database: try SQLiteDatabase.openBlocking(path: path, catalog: catalog))
        let runner = MigrationRunner(driver: driver, catalog: catalog, appliedBy: settings.identity)
        do {
            return (driver, try driver.withConnectionBlocking { try runner.noOpReport(to: target, on: $0) })
        } catch {
            driver.database.closeBlocking()
            throw error
        }
    }

    /// Creates the directory of the default SQLite file (`~/.relayburn`) on first use; any other missing
    /// directory is the user's to create, and SQLite's error names the path.
    static func ensureParentDirectory(of path: String, home: String) throws {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let directory = String(path[..<slash])
        var status = stat()
        if stat(directory, &status) == 0 { return }
        guard directory == home else { return }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw ConfigurationError("cannot create \(directory): \(String(cString: strerror(errno)))")
        }
    }

    /// The process environment as a dictionary (read with libc; Foundation is not linked).
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            // Split at the first "=" with strchr: every command reads the environment, and Character-by-Character
            // searching of each entry was a visible share of a no-op `relayburn migrate`.
            if let equals = strchr(entry, Int32(UInt8(ascii: "="))) {
                let name = UnsafeRawBufferPointer(start: entry, count: equals - entry)
                result[String(decoding: name, as: UTF8.self)] = String(cString: equals + 1)
            }
            cursor += 1
        }
        return result
    }

    /// `user@host pid N (relayburn VERSION)`, recorded as `applied_by` and used as the application name.
    public static func processIdentity(version: String) -> String {
        let host = hostName()
        let user = getenv("USER").map { String(cString: $0) } ?? String(getuid())
        return "\(user)@\(host) pid \(getpid()) (relayburn \(version))"
    }
}
