import RelayburnLedger
import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

extension PostgresStore {
    /// Holds `pg_advisory_xact_lock(hashtext(name))` in a transaction on a dedicated session while `body`
    /// runs (docs/records.md section 8): the server releases it when the transaction ends or the session dies,
    /// so a killed holder never blocks others. Holder sessions come from ``lockSessions``, a pool of their own,
    /// so many holders (a server's leases) open a bounded number of sessions and never starve other work. A name a
    /// stopped collector server still has a recorded lease on is entered only once that lease has run out.
    public func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let store = ObjectIdentifier(self)
        if LockScope.isHeld(name, store: store) { return try await body() }
        let clock = ContinuousClock()
        let started = clock.now
        let connection = try await leaseLockSession(for: name, timeoutMs: timeoutMs)
        let session = self.session
        let statements = self.statements
        do {
            try await connection.run { try $0.execute(script: session.beginWrite) }
            let leftMs = max(0, timeoutMs - (clock.now - started).milliseconds)
            try await Self.acquire(name, on: connection, statements: statements, timeoutMs: leftMs)
            try await outwaitRecordedLease(name, leftMs: max(0, timeoutMs - (clock.now - started).milliseconds))
            let result = try await LockScope.holding(name, store: store, body)
            try await connection.run { try $0.execute(script: session.commit) }
            await lockSessions.giveBack(connection, healthy: true)
            return result
        } catch {
            let healthy = (try? await connection.run { try $0.execute(script: session.rollback) }) != nil
            await lockSessions.giveBack(connection, healthy: healthy)
            throw error
        }
    }

    /// A holder session, waiting at most `timeoutMs` (the lock's own budget) when every one holds a lock.
    ///
    /// - Throws: ``LockSessionsBusyError`` when none came free in time; what the pool throws.
    private func leaseLockSession(for name: String, timeoutMs: Int64) async throws -> PostgresDatabase {
        guard let session = try await lockSessions.lease(waitingAtMost: .milliseconds(timeoutMs)) else {
            throw LockSessionsBusyError(name: name, sessions: lockSessions.size, waitedMs: timeoutMs)
        }
        return session
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
