public import RelayburnSchema
import Synchronization

/// Every `templates/ledger/` statement rendered once for one dialect; the SQL adapters run only these.
///
/// Each record kind has one insert and one query statement under `templates/ledger/<table>/`; the insert's
/// PostgreSQL branch takes a whole batch as one array parameter per column.
public struct LedgerStatements: Sendable {
    public let dialect: SQLDialect
    /// Renders the statements only `relayburn verify` runs, when it runs them (every command opens a store).
    private let catalog: SchemaCatalog
    private let rendered: RenderedOnce

    public var upsertSession: RenderedStatement { render("upsert_session") }
    public var turnIndexOfMessage: RenderedStatement { render("turn_index_of_message") }
    public var summary: RenderedStatement { render("summary") }
    public var summaryWithoutPrices: RenderedStatement { render("summary_without_prices") }
    public var sharedFingerprints: RenderedStatement { render("turns/shared_fingerprints") }
    public var searchContent: RenderedStatement { render("search_content") }
    public var readContent: RenderedStatement { render("read_content") }
    public var listContentSessions: RenderedStatement { render("list_content_sessions") }
    public var contentSessionsWrittenBefore: RenderedStatement { render("content_sessions_written_before") }
    public var deleteContentSession: RenderedStatement { render("delete_content_session") }
    public var acquireLock: RenderedStatement { render("acquire_lock") }
    public var releaseLock: RenderedStatement { render("release_lock") }
    public var lockHolder: RenderedStatement { render("lock_holder") }
    public var tryAdvisoryLock: RenderedStatement { render("try_advisory_lock") }
    public var advisoryLockHolder: RenderedStatement { render("advisory_lock_holder") }
    public var insertAPIKey: RenderedStatement { render("api_keys/insert") }
    public var listAPIKeys: RenderedStatement { render("api_keys/list") }
    public var revokeAPIKey: RenderedStatement { render("api_keys/revoke") }
    public var nextLockFence: RenderedStatement { render("next_lock_fence") }
    public var readLockFence: RenderedStatement { render("read_lock_fence") }
    public var leaseHeldUntil: RenderedStatement { render("lock_leases/held_until") }
    public var holdLease: RenderedStatement { render("lock_leases/hold") }
    public var extendLease: RenderedStatement { render("lock_leases/extend") }
    public var releaseLease: RenderedStatement { render("lock_leases/release") }
    public var insertPrice: RenderedStatement { render("model_prices/insert") }
    public var listPrices: RenderedStatement { render("model_prices/list") }
    public var anyPrice: RenderedStatement { render("model_prices/any") }

    /// Checks that every statement's template exists; each is rendered the first time it is used, since every
    /// command opens a store and most run three or four of these ~40 statements (rendering them all was ~0.4 ms of
    /// every command's start-up).
    ///
    /// - Throws: `MigrationError.invalidMigrationSet` when a template is missing (a build defect the test suite
    ///   catches, as it does a template that does not render: ``renderAll()``).
    public init(dialect: SQLDialect, catalog: SchemaCatalog = .embedded) throws {
        self.dialect = dialect
        self.catalog = catalog
        self.rendered = RenderedOnce()
        for name in Self.templateNames where catalog.statements["ledger/\(name)"] == nil {
            // Throws the catalog's own error for a missing template.
            _ = try catalog.statement("ledger/\(name)", for: dialect)
        }
    }

    /// Renders every statement now, for tests and tools that want a broken template to fail at once.
    ///
    /// - Throws: `TemplateError` for the first template that does not render.
    public func renderAll() throws {
        for name in Self.templateNames { _ = try rendered.statement("ledger/\(name)", dialect, catalog) }
    }

    /// Every template these statements use, under `templates/ledger/` without `.sql`.
    private static let templateNames: [String] =
        RecordKind.allCases.flatMap { ["\($0.table)/insert", "\($0.table)/query", "\($0.table)/count"] }
        // Turns fold stamps and collapse twins in their own query; stamps stream in append order.
        + RecordKind.allCases.filter { $0 != .turn && $0 != .stamp }.map { "\($0.table)/export" }
        + [
            "upsert_session", "turn_index_of_message", "summary", "summary_without_prices", "turns/shared_fingerprints",
            "search_content", "read_content", "list_content_sessions", "content_sessions_written_before",
            "delete_content_session", "acquire_lock", "release_lock", "lock_holder", "try_advisory_lock",
            "advisory_lock_holder", "api_keys/insert", "api_keys/list", "api_keys/revoke", "next_lock_fence",
            "read_lock_fence", "lock_leases/held_until", "lock_leases/hold", "lock_leases/extend",
            "lock_leases/release", "model_prices/insert", "model_prices/list", "model_prices/any",
        ]

    private func render(_ name: String) -> RenderedStatement {
        do {
            return try rendered.statement("ledger/\(name)", dialect, catalog)
        } catch {
            // init checked the template exists; the suite renders every one (renderAll), so this is a build defect.
            preconditionFailure("templates/ledger/\(name).sql does not render: \(error)")
        }
    }

    /// The kind's `templates/ledger/<table>/insert.sql`.
    public func insert(_ kind: RecordKind) -> RenderedStatement { render("\(kind.table)/insert") }

    /// The kind's `templates/ledger/<table>/query.sql`.
    public func query(_ kind: RecordKind) -> RenderedStatement { render("\(kind.table)/query") }

    /// The kind's `templates/ledger/<table>/count.sql`: how many rows its table holds.
    public func count(_ kind: RecordKind) -> RenderedStatement { render("\(kind.table)/count") }

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
        kind == .turn || kind == .stamp ? nil : render("\(kind.table)/export")
    }
}

/// The statements of one ``LedgerStatements`` rendered so far, shared by its copies.
private final class RenderedOnce: Sendable {
    private let statements = Mutex<[String: RenderedStatement]>([:])

    func statement(_ name: String, _ dialect: SQLDialect, _ catalog: SchemaCatalog) throws -> RenderedStatement {
        if let done = statements.withLock({ $0[name] }) { return done }
        // Rendered outside the lock: two tasks may both render a statement the first time, to the same result.
        let statement = try catalog.statement(name, for: dialect)
        statements.withLock { $0[name] = statement }
        return statement
    }
}
