/// Transaction control (`templates/session/`), rendered once for a dialect; every driver and store uses these.
public struct TransactionStatements: Sendable {
    /// `BEGIN IMMEDIATE` on SQLite (take the write lock now), `BEGIN` on PostgreSQL.
    public let beginWrite: RenderedStatement
    public let commit: RenderedStatement
    public let rollback: RenderedStatement
    /// Per-batch savepoints inside a longer transaction.
    public let savepoint: RenderedStatement
    public let releaseSavepoint: RenderedStatement
    public let rollbackToSavepoint: RenderedStatement

    /// - Throws: `TemplateError` or `MigrationError.invalidMigrationSet` for a missing or broken template.
    public init(dialect: SQLDialect, catalog: SchemaCatalog = .embedded) throws {
        beginWrite = try catalog.statement("session/begin_write", for: dialect)
        commit = try catalog.statement("session/commit", for: dialect)
        rollback = try catalog.statement("session/rollback", for: dialect)
        savepoint = try catalog.statement("session/savepoint", for: dialect)
        releaseSavepoint = try catalog.statement("session/release_savepoint", for: dialect)
        rollbackToSavepoint = try catalog.statement("session/rollback_to_savepoint", for: dialect)
    }
}

extension Duration {
    /// Whole milliseconds, truncated (for `execution_ms`, lock waits and reports).
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
