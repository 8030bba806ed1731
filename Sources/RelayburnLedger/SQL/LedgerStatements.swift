public import RelayburnSchema

/// Every `templates/ledger/` statement rendered once for one dialect; the SQL adapters run only these.
///
/// Each record kind has one insert and one query statement under `templates/ledger/<table>/`; the insert's
/// PostgreSQL branch takes a whole batch as one array parameter per column.
public struct LedgerStatements: Sendable {
    public let dialect: SQLDialect
    public let upsertSession: RenderedStatement
    public let turnIndexOfMessage, summary, summaryWithoutPrices, sharedFingerprints: RenderedStatement
    public let searchContent, readContent, listContentSessions, contentSessionsWrittenBefore,
        deleteContentSession: RenderedStatement
    public let acquireLock, releaseLock, lockHolder: RenderedStatement
    public let tryAdvisoryLock, advisoryLockHolder: RenderedStatement
    public let insertAPIKey, listAPIKeys, revokeAPIKey, nextLockFence, readLockFence: RenderedStatement
    public let leaseHeldUntil, holdLease, extendLease, releaseLease: RenderedStatement
    public let insertPrice, listPrices, anyPrice: RenderedStatement
    private let inserts: [RecordKind: RenderedStatement]
    private let queries: [RecordKind: RenderedStatement]
    private let exports: [RecordKind: RenderedStatement]
    /// Renders the statements only `relayburn verify` runs, when it runs them (every command opens a store).
    private let catalog: SchemaCatalog

    /// - Throws: `TemplateError` or `MigrationError.invalidMigrationSet` when a template is missing or broken
    ///   (a build defect the test suite catches).
    public init(dialect: SQLDialect, catalog: SchemaCatalog = .embedded) throws {
        func render(_ name: String) throws -> RenderedStatement {
            try catalog.statement("ledger/\(name)", for: dialect)
        }
        self.dialect = dialect
        self.catalog = catalog
        var inserts: [RecordKind: RenderedStatement] = [:]
        var queries: [RecordKind: RenderedStatement] = [:]
        for kind in RecordKind.allCases {
            inserts[kind] = try render("\(kind.table)/insert")
            queries[kind] = try render("\(kind.table)/query")
        }
        self.inserts = inserts
        self.queries = queries
        // Turns fold stamps and collapse twins in their own query; stamps stream in append order.
        var exports: [RecordKind: RenderedStatement] = [:]
        for kind in RecordKind.allCases where kind != .turn && kind != .stamp {
            exports[kind] = try render("\(kind.table)/export")
        }
        self.exports = exports
        upsertSession = try render("upsert_session")
        sharedFingerprints = try render("turns/shared_fingerprints")
        turnIndexOfMessage = try render("turn_index_of_message")
        summary = try render("summary")
        summaryWithoutPrices = try render("summary_without_prices")
        searchContent = try render("search_content")
        readContent = try render("read_content")
        listContentSessions = try render("list_content_sessions")
        contentSessionsWrittenBefore = try render("content_sessions_written_before")
        deleteContentSession = try render("delete_content_session")
        acquireLock = try render("acquire_lock")
        releaseLock = try render("release_lock")
        lockHolder = try render("lock_holder")
        tryAdvisoryLock = try render("try_advisory_lock")
        advisoryLockHolder = try render("advisory_lock_holder")
        insertAPIKey = try render("api_keys/insert")
        listAPIKeys = try render("api_keys/list")
        revokeAPIKey = try render("api_keys/revoke")
        nextLockFence = try render("next_lock_fence")
        readLockFence = try render("read_lock_fence")
        leaseHeldUntil = try render("lock_leases/held_until")
        holdLease = try render("lock_leases/hold")
        extendLease = try render("lock_leases/extend")
        releaseLease = try render("lock_leases/release")
        insertPrice = try render("model_prices/insert")
        listPrices = try render("model_prices/list")
        anyPrice = try render("model_prices/any")
    }

    /// The kind's `templates/ledger/<table>/insert.sql`.
    public func insert(_ kind: RecordKind) -> RenderedStatement {
        // Every kind was rendered in init.
        inserts[kind]!
    }

    /// The kind's `templates/ledger/<table>/query.sql`.
    public func query(_ kind: RecordKind) -> RenderedStatement {
        queries[kind]!
    }

    /// The kind's `templates/ledger/<table>/verify.sql`: every row with all its columns, in key-ordered pages.
    ///
    /// - Throws: `TemplateError` when the template is missing or broken (a build defect).
    public func verify(_ kind: RecordKind) throws -> RenderedStatement {
        try catalog.statement("ledger/\(kind.table)/verify", for: dialect)
    }

    /// `templates/ledger/verify_sessions.sql`: the sessions whose rollup row disagrees with their turns.
    ///
    /// - Throws: `TemplateError` when the template is missing or broken (a build defect).
    public func verifySessions() throws -> RenderedStatement {
        try catalog.statement("ledger/verify_sessions", for: dialect)
    }

    /// The kind's `templates/ledger/<table>/export.sql`: its whole table in `query`'s order and columns, for a
    /// stream with no filter and no cursor; `nil` for turns and stamps, which have none.
    public func export(_ kind: RecordKind) -> RenderedStatement? {
        exports[kind]
    }
}
