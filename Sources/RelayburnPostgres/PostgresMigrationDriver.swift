public import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

/// The schema core's driver for PostgreSQL.
///
/// The migration lock is an advisory lock, polled with `pg_try_advisory_lock` outside any transaction: a backend
/// waiting in the blocking form would make the holder's `CREATE INDEX CONCURRENTLY` fail with a deadlock, and one
/// polling inside an open transaction would make that build wait for the poller's transaction to end (builds wait
/// for every older transaction), while the poller waits for the build: each would stall the other until a timeout.
/// A transactional migration then moves the lock into its transaction (`pg_try_advisory_xact_lock`, which its own
/// session lock lets through at once) and gives the session lock back, so `ROLLBACK` or a dropped connection
/// releases it and no path leaks it.
public struct PostgresMigrationDriver: MigrationDriver {
    /// The advisory lock key every relayburn migrator uses ("relaybur" in ASCII).
    public static let migrationLockKey: Int64 = 0x7265_6C61_7962_7572

    public let database: PostgresDatabase
    private let catalog: SchemaCatalog

    public init(database: PostgresDatabase, catalog: SchemaCatalog = .embedded) {
        self.database = database
        self.catalog = catalog
    }

    public var dialect: SQLDialect { .postgres }

    public func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        try await database.run { connection in try body(PostgresMigrationConnection(connection: connection)) }
    }

    /// ``withConnection(_:)`` on the calling thread (``PostgresDatabase/runBlocking(_:)``), for a synchronous caller.
    public func withConnectionBlocking<T>(_ body: (any MigrationConnection) throws -> T) throws -> T {
        try database.runBlocking { connection in try body(PostgresMigrationConnection(connection: connection)) }
    }

    public func withMigrationTransaction<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        let transaction = try TransactionStatements(dialect: .postgres, catalog: catalog)
        let trySessionLock = try catalog.statement("runner/try_migration_session_lock", for: .postgres)
        let release = try catalog.statement("runner/release_migration_session_lock", for: .postgres)
        let tryLock = try catalog.statement("runner/try_migration_lock", for: .postgres)
        let holder = try catalog.statement("runner/migration_lock_holder", for: .postgres)
        let key: [SQLValue] = [.integer(Self.migrationLockKey)]
        return try await database.run { connection in
            try Self.acquireLock(connection, tryLock: trySessionLock, holder: holder, timeoutMs: lockTimeoutMs)
            do {
                try connection.execute(script: transaction.beginWrite)
            } catch {
                _ = try? connection.query(release, bindings: key)
                throw error
            }
            do {
                let moved = try connection.query(tryLock, bindings: key).first?.first?.boolValue == true
                _ = try connection.query(release, bindings: key)
                guard moved else {
                    throw DatabaseError(
                        code: "XX000", message: "the migration lock could not move into the transaction",
                        statementName: tryLock.name)
                }
                let result = try body(PostgresMigrationConnection(connection: connection))
                try connection.execute(script: transaction.commit)
                return result
            } catch {
                try? connection.execute(script: transaction.rollback)
                throw error
            }
        }
    }

    public func withMigrationSession<T: Sendable>(
        lockTimeoutMs: Int64, _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        let tryLock = try catalog.statement("runner/try_migration_session_lock", for: .postgres)
        let release = try catalog.statement("runner/release_migration_session_lock", for: .postgres)
        let holder = try catalog.statement("runner/migration_lock_holder", for: .postgres)
        return try await database.run { connection in
            try Self.acquireLock(connection, tryLock: tryLock, holder: holder, timeoutMs: lockTimeoutMs)
            // A dropped connection releases it too, so a killed runner never leaves the lock behind.
            defer { _ = try? connection.query(release, bindings: [.integer(Self.migrationLockKey)]) }
            return try body(PostgresMigrationConnection(connection: connection))
        }
    }

    public func withScratchDatabase<T: Sendable>(
        _ body: @escaping @Sendable (any MigrationConnection) throws -> T
    ) async throws -> T {
        let transaction = try TransactionStatements(dialect: .postgres, catalog: catalog)
        let scratch = try catalog.statement("session/enter_scratch_schema", for: .postgres)
        return try await database.run { connection in
            try connection.execute(script: transaction.beginWrite)
            // Everything happens in one transaction that is always rolled back, so the scratch schema never
            // outlives the call, whatever happens.
            defer { try? connection.execute(script: transaction.rollback) }
            try connection.execute(script: scratch)
            return try body(PostgresMigrationConnection(connection: connection))
        }
    }

    /// Polls the advisory lock with capped exponential backoff and jitter until `timeoutMs`.
    private static func acquireLock(
        _ connection: PostgresConnection, tryLock: RenderedStatement, holder: RenderedStatement, timeoutMs: Int64
    ) throws {
        let clock = ContinuousClock()
        let started = clock.now
        var backoffMs = 2
        while true {
            let rows = try connection.query(tryLock, bindings: [.integer(migrationLockKey)])
            if rows.first?.first?.boolValue == true { return }
            let waited = clock.now - started
            let waitedMs = waited.milliseconds
            if waitedMs >= timeoutMs {
                let who = try? connection.query(holder, bindings: [.integer(migrationLockKey)]).first
                throw MigrationError.lockTimeout(waitedMs: waitedMs, holder: who.flatMap(describeHolder))
            }
            let sleepMs = min(Int64(backoffMs + Int.random(in: 0...backoffMs)), max(1, timeoutMs - waitedMs))
            var request = timespec(tv_sec: Int(sleepMs / 1000), tv_nsec: Int(sleepMs % 1000) * 1_000_000)
            var remaining = timespec()
            while nanosleep(&request, &remaining) != 0 { request = remaining }
            backoffMs = min(backoffMs * 2, 100)
        }
    }

    private static func describeHolder(_ row: [SQLValue]) -> String? {
        guard row.count >= 4, let pid = row[0].textValue else { return nil }
        let application = row[1].textValue.flatMap { $0.isEmpty ? nil : $0 } ?? "an unnamed client"
        let address = row[2].textValue ?? "an unknown address"
        let since = row[3].textValue.flatMap { $0.isEmpty ? nil : " since \($0)" } ?? ""
        return "\(application) (server pid \(pid), connected from \(address)\(since))"
    }
}

/// Lends a ``PostgresConnection`` to the schema core.
struct PostgresMigrationConnection: MigrationConnection {
    let connection: PostgresConnection

    func execute(script: RenderedStatement) throws {
        try connection.execute(script: script)
    }

    func query(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> [[SQLValue]] {
        try connection.query(statement, bindings: bindings)
    }

    func isUndefinedTable(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.code == "42P01"
    }
}
