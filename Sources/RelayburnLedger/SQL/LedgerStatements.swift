public import RelayburnSchema
import Synchronization

/// Every `templates/ledger/` statement for one dialect, each rendered once, when first used; the SQL adapters run
/// only these.
///
/// Each record kind has one insert and one query statement under `templates/ledger/<table>/`; the insert's
/// PostgreSQL branch takes a whole batch as one array parameter per column.
public struct LedgerStatements: Sendable {
    public let dialect: SQLDialect
    /// Renders the statements only `relayburn verify` runs, when it runs them (every command opens a store).
    private let catalog: SchemaCatalog
    private let rendered: RenderedOnce

    public var upsertSession: RenderedStatement { render(Shared.upsertSession.rawValue) }
    public var turnIndexOfMessage: RenderedStatement { render(Shared.turnIndexOfMessage.rawValue) }
    public var summary: RenderedStatement { render(Shared.summary.rawValue) }
    public var summaryWithoutPrices: RenderedStatement { render(Shared.summaryWithoutPrices.rawValue) }
    public var sharedFingerprints: RenderedStatement { render(Shared.sharedFingerprints.rawValue) }
    public var searchContent: RenderedStatement { render(Shared.searchContent.rawValue) }
    public var readContent: RenderedStatement { render(Shared.readContent.rawValue) }
    public var listContentSessions: RenderedStatement { render(Shared.listContentSessions.rawValue) }
    public var contentSessionsWrittenBefore: RenderedStatement { render(Shared.contentSessionsWrittenBefore.rawValue) }
    public var deleteContentSession: RenderedStatement { render(Shared.deleteContentSession.rawValue) }
    public var acquireLock: RenderedStatement { render(Shared.acquireLock.rawValue) }
    public var releaseLock: RenderedStatement { render(Shared.releaseLock.rawValue) }
    public var lockHolder: RenderedStatement { render(Shared.lockHolder.rawValue) }
    public var tryAdvisoryLock: RenderedStatement { render(Shared.tryAdvisoryLock.rawValue) }
    public var advisoryLockHolder: RenderedStatement { render(Shared.advisoryLockHolder.rawValue) }
    public var insertAPIKey: RenderedStatement { render(Shared.insertAPIKey.rawValue) }
    public var listAPIKeys: RenderedStatement { render(Shared.listAPIKeys.rawValue) }
    public var revokeAPIKey: RenderedStatement { render(Shared.revokeAPIKey.rawValue) }
    public var nextLockFence: RenderedStatement { render(Shared.nextLockFence.rawValue) }
    public var readLockFence: RenderedStatement { render(Shared.readLockFence.rawValue) }
    public var leaseHeldUntil: RenderedStatement { render(Shared.leaseHeldUntil.rawValue) }
    public var holdLease: RenderedStatement { render(Shared.holdLease.rawValue) }
    public var extendLease: RenderedStatement { render(Shared.extendLease.rawValue) }
    public var releaseLease: RenderedStatement { render(Shared.releaseLease.rawValue) }
    public var insertPrice: RenderedStatement { render(Shared.insertPrice.rawValue) }
    public var listPrices: RenderedStatement { render(Shared.listPrices.rawValue) }
    public var anyPrice: RenderedStatement { render(Shared.anyPrice.rawValue) }

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
        + Shared.allCases.map(\.rawValue)

    /// The statements every kind shares, by template (under `templates/ledger/`, without `.sql`): one list for the
    /// properties above, ``init(dialect:catalog:)``'s check and ``renderAll()``.
    private enum Shared: String, CaseIterable {
        case upsertSession = "upsert_session"
        case turnIndexOfMessage = "turn_index_of_message"
        case summary = "summary"
        case summaryWithoutPrices = "summary_without_prices"
        case sharedFingerprints = "turns/shared_fingerprints"
        case searchContent = "search_content"
        case readContent = "read_content"
        case listContentSessions = "list_content_sessions"
        case contentSessionsWrittenBefore = "content_sessions_written_before"
        case deleteContentSession = "delete_content_session"
        case acquireLock = "acquire_lock"
        case releaseLock = "release_lock"
        case lockHolder = "lock_holder"
        case tryAdvisoryLock = "try_advisory_lock"
        case advisoryLockHolder = "advisory_lock_holder"
        case insertAPIKey = "api_keys/insert"
        case listAPIKeys = "api_keys/list"
        case revokeAPIKey = "api_keys/revoke"
        case nextLockFence = "next_lock_fence"
        case readLockFence = "read_lock_fence"
        case leaseHeldUntil = "lock_leases/held_until"
        case holdLease = "lock_leases/hold"
        case extendLease = "lock_leases/extend"
        case releaseLease = "lock_leases/release"
        case insertPrice = "model_prices/insert"
        case listPrices = "model_prices/list"
        case anyPrice = "model_prices/any"
    }

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
