import Foundation
public import RelayburnSchema
public import RelayburnLedger
import RelayburnSQLite
import RelayburnPostgres

/// A fresh, isolated database for one test: a temporary SQLite file, or a new PostgreSQL database created on
/// the server `scripts/test` started (`RELAYBURN_TEST_DATABASE_URL`). Isolation instead of serialisation, so the
/// suite runs in parallel.
public struct TestDatabase: Sendable {
    public let dialect: SQLDialect
    /// `sqlite:PATH` or a PostgreSQL URL, as `--store` takes it.
    public let storeURL: String
    /// The SQLite file, for SQLite databases.
    public let sqlitePath: String?
    /// The connection string, for PostgreSQL databases.
    public let postgresURL: String?

    /// Whether PostgreSQL tests can run: a server is configured, or `CI=true` demands that they run (and fail
    /// when no server is reachable, rather than silently skipping).
    public static var postgresEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["RELAYBURN_TEST_DATABASE_URL"] != nil || environment["CI"] == "true"
    }

    /// The dialects whose tests can run here.
    public static var enabledDialects: [SQLDialect] { postgresEnabled ? [.sqlite, .postgres] : [.sqlite] }

    /// Creates an empty database of `dialect`.
    public static func make(_ dialect: SQLDialect) async throws -> TestDatabase {
        switch dialect {
        case .sqlite:
            let directory = try TemporaryDirectory.make()
            let path = directory + "/burn.sqlite"
            return TestDatabase(dialect: .sqlite, storeURL: "sqlite:\(path)", sqlitePath: path, postgresURL: nil)
        case .postgres:
            guard let server = ProcessInfo.processInfo.environment["RELAYBURN_TEST_DATABASE_URL"] else {
                throw TestSetupError(
                    "RELAYBURN_TEST_DATABASE_URL is not set; run the suite with scripts/test, which starts PostgreSQL")
            }
            let name = "rb_test_\(UInt64.random(in: 0...UInt64.max) & 0xffff_ffff_ffff)"
            let admin = try await PostgresDatabase.connect(conninfo: server)
            try await admin.run { try $0.execute(script: RenderedStatement(unsafeSQL: "CREATE DATABASE \(name)")) }
            let url = replacingDatabase(in: server, with: name)
            return TestDatabase(dialect: .postgres, storeURL: url, sqlitePath: nil, postgresURL: url)
        }
    }

    /// Opens the schema driver for this database.
    public func driver(catalog: SchemaCatalog = .embedded) async throws -> any MigrationDriver {
        switch dialect {
        case .sqlite:
            let database = try await SQLiteDatabase.open(path: sqlitePath ?? "", catalog: catalog)
            return SQLiteMigrationDriver(database: database, catalog: catalog)
        case .postgres:
            let database = try await PostgresDatabase.connect(
                conninfo: postgresURL ?? "", applicationName: "relayburn tests", catalog: catalog)
            return PostgresMigrationDriver(database: database, catalog: catalog)
        }
    }

    /// Opens (and migrates) the relayburn store on this database.
    public func openStore(appliedBy: String) async throws -> any CollectorStore {
        switch dialect {
        case .sqlite: try await SQLiteStore.open(path: sqlitePath ?? "", appliedBy: appliedBy)
        case .postgres: try await PostgresStore.open(conninfo: postgresURL ?? "", appliedBy: appliedBy)
        }
    }

    /// Runs a multi-statement script on a separate connection.
    public func execute(_ sql: String) async throws {
        switch dialect {
        case .sqlite:
            let database = try await SQLiteDatabase.open(path: sqlitePath ?? "")
            try await database.run { try $0.execute(script: RenderedStatement(unsafeSQL: sql)) }
        case .postgres:
            let database = try await PostgresDatabase.connect(conninfo: postgresURL ?? "")
            try await database.run { try $0.execute(script: RenderedStatement(unsafeSQL: sql)) }
        }
    }

    /// Runs one query on a separate connection and returns its rows.
    public func rows(_ sql: String) async throws -> [[SQLValue]] {
        switch dialect {
        case .sqlite:
            let database = try await SQLiteDatabase.open(path: sqlitePath ?? "")
            return try await database.run { try $0.query(RenderedStatement(unsafeSQL: sql)) }
        case .postgres:
            let database = try await PostgresDatabase.connect(conninfo: postgresURL ?? "")
            return try await database.run { try $0.query(RenderedStatement(unsafeSQL: sql)) }
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard let slash = url.lastIndex(of: "/") else { return url + "/" + name }
        let tail = url[url.index(after: slash)...]
        let query = tail.firstIndex(of: "?").map { String(tail[$0...]) } ?? ""
        return String(url[...slash]) + name + query
    }
}

/// A test could not be set up; the message says why.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Unique temporary directories under the system temp folder.
public enum TemporaryDirectory {
    public static func make() throws -> String {
        let path = NSTemporaryDirectory() + "relayburn-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
