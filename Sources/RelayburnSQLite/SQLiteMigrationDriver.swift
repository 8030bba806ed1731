import CSQLite
public import RelayburnSchema

/// The schema core's driver for SQLite: the migration lock is `BEGIN IMMEDIATE`, which also waits out other
/// writers for up to the lock timeout.
public struct SQLiteMigrationDriver: MigrationDriver {
    public let database: SQLiteDatabase
    private let catalog: SchemaCatalog

    public init(database: SQLiteDatabase, catalog: SchemaCatalog = .embedded) {
        self.database = database
        self.catalog = catalog
    }

    public var dialect: SQLDialect { .sqlite }

    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        try await database.run { connection in try body(SQLiteMigrationConnection(connection: connection)) }
    }

    /// ``withConnection(_:)`` on the calling thread (``SQLiteDatabase/runBlocking(_:)``), for a synchronous caller.
    public func withConnectionBlocking<T>(_ body: (any MigrationConnection) throws -> T) throws -> T {
        try database.runBlocking { connection in try body(SQLiteMigrationConnection(connection: connection)) }
    }

    public func withMigrationTransaction<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        let transaction = try TransactionStatements(dialect: .sqlite, catalog: catalog)
        let path = database.path
        let defaultTimeout = database.busyTimeoutMs
        return try await database.run { connection in
            connection.setBusyTimeout(milliseconds: Int32(clamping: lockTimeoutMs))
            defer { connection.setBusyTimeout(milliseconds: defaultTimeout) }
            do {
                try connection.execute(script: transaction.beginWrite)
            } catch let error as DatabaseError where error.isBusy {
                throw MigrationError.lockTimeout(
                    waitedMs: lockTimeoutMs, holder: "another process writing to \(path) (SQLite cannot name it)",
                    underlying: error)
            }
            do {
                let result = try body(SQLiteMigrationConnection(connection: connection))
                try connection.execute(script: transaction.commit)
                return result
            } catch {
                try? connection.execute(script: transaction.rollback)
                throw error
            }
        }
    }

    /// SQLite has no statements that must run outside a transaction: the migration transaction serves.
    public func withMigrationSession<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        try await withMigrationTransaction(lockTimeoutMs: lockTimeoutMs, body)
    }

    public func withScratchDatabase<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        let scratch = try await SQLiteDatabase.open(path: ":memory:", catalog: catalog)
        return try await scratch.run { connection in try body(SQLiteMigrationConnection(connection: connection)) }
    }
}

/// Lends a ``SQLiteConnection`` to the schema core.
struct SQLiteMigrationConnection: MigrationConnection {
    let connection: SQLiteConnection

    func execute(script: RenderedStatement) throws {
        try connection.execute(script: script)
    }

    func query(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> [[SQLValue]] {
        try connection.query(statement, bindings: bindings)
    }

    func isUndefinedTable(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError, let code = Int32(error.code) else { return false }
        return code & 0xff == SQLITE_ERROR && error.message.hasPrefix("no such table")
    }
}
