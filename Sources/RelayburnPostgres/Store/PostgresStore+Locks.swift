#if canImport(Glibc)
    import Glibc
#endif
import RelayburnLedger
import RelayburnSchema

extension PostgresStore {
    /// Holds `pg_advisory_xact_lock(hashtext(name))` in a transaction on a dedicated connection while `body`
    /// runs (records.md section 8): the server releases it when the transaction ends or the connection dies,
    /// so a killed holder never blocks others.
    public func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let store = ObjectIdentifier(self)
        if LockScope.isHeld(name, store: store) { return try await body() }
        let connection = try await PostgresDatabase.connect(
            conninfo: conninfo, applicationName: applicationName, catalog: catalog)
        let session = self.session
        let statements = self.statements
        try await connection.run { try $0.execute(script: session.beginWrite) }
        do {
            try await Self.acquire(name, on: connection, statements: statements, timeoutMs: timeoutMs)
            let result = try await LockScope.holding(name, store: store, body)
            try await connection.run { try $0.execute(script: session.commit) }
            return result
        } catch {
            try? await connection.run { try $0.execute(script: session.rollback) }
            throw error
        }
    }

    private static func acquire(
        _ name: String, on connection: PostgresDatabase, statements: LedgerStatements, timeoutMs: Int64
    ) async throws {
        let tryLock = statements.tryAdvisoryLock
        let holder = statements.advisoryLockHolder
        let bindings = tryLock.bindings(["name": .text(name)])
        try await LockPolling.acquire(
            name, timeoutMs: timeoutMs, backoffMs: (first: 2, cap: 100),
            tryAcquire: {
                let rows = try await connection.run { try $0.query(tryLock, bindings: bindings) }
                return rows.first?.first?.boolValue == true
            },
            holder: {
                let row = try? await connection.run {
                    try $0.query(holder, bindings: holder.bindings(["name": .text(name)]))
                }.first
                return row.flatMap { row -> String? in
                    guard row.count >= 3, let pid = row[0].textValue else { return nil }
                    return "\(row[1].textValue ?? "an unnamed client") (server pid \(pid), connected from "
                        + "\(row[2].textValue ?? "?"))"
                }
            })
    }
}
