import RelayburnLedger
import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

extension SQLiteStore {
    /// Holds a `locks` row (owner token plus expiry) while `body` runs, renewing it every third of the lease;
    /// a holder that dies stops renewing and its row is taken over once expired (docs/records.md section 8). A name
    /// a stopped collector server still has a recorded lease on is entered only once that lease has run out.
    public func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let store = ObjectIdentifier(self)
        if LockScope.isHeld(name, store: store) { return try await body() }
        let owner = "pid \(getpid()) token \(UInt64.random(in: 0...UInt64.max))"
        let clock = ContinuousClock()
        let started = clock.now
        try await acquire(name, owner: owner, timeoutMs: timeoutMs)
        let renewal = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(leaseMs / 3))
                if Task.isCancelled { break }
                _ = try? await tryAcquire(name, owner: owner)
            }
        }
        do {
            try await outwaitRecordedLease(name, leftMs: max(0, timeoutMs - (clock.now - started).milliseconds))
            let result = try await LockScope.holding(name, store: store, body)
            renewal.cancel()
            try await release(name, owner: owner)
            return result
        } catch {
            renewal.cancel()
            try? await release(name, owner: owner)
            throw error
        }
    }

    private func acquire(_ name: String, owner: String, timeoutMs: Int64) async throws {
        try await LockPolling.acquire(
            name, timeoutMs: timeoutMs, backoffMs: (first: 5, cap: 200),
            tryAcquire: { try await tryAcquire(name, owner: owner) },
            holder: { try await holder(of: name) })
    }

    /// One conditional upsert: true when `owner` holds the lock afterwards.
    private func tryAcquire(_ name: String, owner: String) async throws -> Bool {
        let statement = statements.acquireLock
        let now = UTCTimestamp.nowMilliseconds()
        let bindings = statement.bindings([
            "name": .text(name), "owner": .text(owner), "expires_at_ms": .integer(now + leaseMs),
            "acquired_at": .text(UTCTimestamp.now()), "now_ms": .integer(now),
        ])
        let rows = try await write(mayJoinBulk: false) { connection in
            try connection.cachedQuery(statement, bindings: bindings)
        }
        return rows.first?.first?.textValue == owner
    }

    private func release(_ name: String, owner: String) async throws {
        let statement = statements.releaseLock
        let bindings = statement.bindings(["name": .text(name), "owner": .text(owner)])
        _ = try await write(mayJoinBulk: false) { connection in
            try connection.cachedQuery(statement, bindings: bindings)
        }
    }

    private func holder(of name: String) async throws -> String? {
        let statement = statements.lockHolder
        let bindings = statement.bindings(["name": .text(name)])
        let rows = try await database.run { connection in try connection.cachedQuery(statement, bindings: bindings) }
        guard let row = rows.first, let owner = row[0].textValue else { return nil }
        return "\(owner) since \(row[2].textValue ?? "?")"
    }
}
