/// What the runner and the schema tools need from a database, and nothing more.
///
/// SQLite and PostgreSQL each implement it (sqlx's `Migrate` trait and golang-migrate's `Driver` have the same
/// shape). Every body runs synchronously on the driver's own connection thread, never on Swift's shared pool,
/// because the C calls behind it block.
public protocol MigrationDriver: Sendable {
    /// The dialect the driver's SQL is rendered for.
    var dialect: SQLDialect { get }

    /// Runs `body` on the driver's connection outside any explicit transaction (the fast path, introspection).
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T

    /// Runs `body` in one transaction that holds the migration lock: committed when `body` returns, rolled
    /// back when it throws, and the lock released on every path.
    ///
    /// - Throws: `MigrationError.lockTimeout` when the lock is not obtained within `lockTimeoutMs`.
    func withMigrationTransaction<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T

    /// Runs `body` outside any transaction on one connection holding the migration lock at session level, released
    /// on every path (PostgreSQL's no-transaction migrations; SQLite, which has none, runs `body` in the migration
    /// transaction).
    ///
    /// - Throws: `MigrationError.lockTimeout` when the lock is not obtained within `lockTimeoutMs`.
    func withMigrationSession<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T

    /// Runs `body` against an empty database of the same dialect that vanishes afterwards (an in-memory
    /// SQLite database; a PostgreSQL schema created inside a transaction that is rolled back).
    func withScratchDatabase<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T
}

/// A connection lent to a driver body: runs rendered statements and reports errors as `DatabaseError`.
public protocol MigrationConnection {
    /// Runs a script of one or more statements without parameters (DDL).
    func execute(script: RenderedStatement) throws
    /// Runs one statement with bindings in `statement.parameters` order and returns every row.
    func query(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> [[SQLValue]]
    /// Whether `error` means "that table does not exist", which the fast path reads as "never migrated".
    func isUndefinedTable(_ error: any Error) -> Bool
}
