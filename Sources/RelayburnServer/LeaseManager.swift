import RelayburnLedger
import RelayburnSchema
import RelayburnWire

/// Leases of server.md §7. Each lease is a task holding the backing store's own `withLock` for the lease's whole
/// life, so two replicas on one PostgreSQL never grant one name at once; the task lets go when the lease is
/// released or its expiry passes without renewal, which the server enforces itself.
///
/// The store's lock alone does not survive this server: a killed server's session takes its locks with it while
/// its clients keep working until their leases expire. So every grant and renew also records the lease's expiry in
/// the store (`lock_leases`), and the store's `withLock` enters a name only once its recorded expiry has passed.
actor LeaseManager {
    private struct Lease {
        let name: String
        let token: String
        /// Set once the store's lock is taken; until then the lease is an acquire waiting for it.
        var fence: Int64?
        var expiresAtMs: Int64 = .max
        var ttlMs: Int64
        let idempotencyKey: String?
        var released = false

        var grant: LeaseGrant { LeaseGrant(token: token, expiresAtMs: expiresAtMs, fence: fence ?? 0) }

        func isLive(now: Int64) -> Bool { !released && expiresAtMs > now }

        /// Granted (its fence read) and not yet expired or released.
        func isHeld(now: Int64) -> Bool { fence != nil && isLive(now: now) }
    }

    private let store: any StorageAdapter
    private let fences: (any CollectorStore)?
    private let maxLeases: Int
    /// Leases and waiting acquires, by token.
    private var leases: [String: Lease] = [:]
    private var holders: [String: Task<Void, Never>] = [:]
    /// How often a holder checks whether its lease ended: bounds how long a released name stays locked.
    private static let pollMs: Int64 = 25

    init(store: any StorageAdapter, maxLeases: Int) {
        self.store = store
        fences = store as? any CollectorStore
        self.maxLeases = maxLeases
    }

    /// Granted leases (waiting acquires excluded).
    var heldCount: Int { leases.values.filter { $0.fence != nil }.count }

    /// Grants `name` for `ttlMs`, waiting up to `waitMs` for it.
    ///
    /// - Throws: ``WireError`` 409 `lock_not_acquired` (with the holder when the store knows it), 503 when this
    ///   replica holds its most leases, or a store failure.
    func acquire(name: String, ttlMs: Int64, waitMs: Int64, idempotencyKey: String?) async throws -> LeaseGrant {
        let now = UTCTimestamp.nowMilliseconds()
        if let idempotencyKey,
            let lease = leases.values.first(where: {
                $0.name == name && $0.idempotencyKey == idempotencyKey && $0.isHeld(now: now)
            })
        {
            return lease.grant
        }
        guard leases.count < maxLeases else {
            throw WireError(
                status: 503, code: "store_unavailable",
                message: "this replica holds its most leases (\(maxLeases)); retry shortly", retryAfterSeconds: 1)
        }
        let token = "lease_" + APIKey.randomToken(count: 32)
        leases[token] = Lease(name: name, token: token, ttlMs: ttlMs, idempotencyKey: idempotencyKey)
        let (granted, grantedContinuation) = AsyncThrowingStream<Int64, any Error>.makeStream()
        let store = self.store
        let fences = self.fences
        // Detached: the holder must not inherit the request's task-locals (a held-lock scope would make the
        // store's withLock re-entrant across unrelated leases).
        holders[token] = Task.detached {
            do {
                try await store.withLock(name, timeoutMs: waitMs) {
                    let expiresAtMs = UTCTimestamp.nowMilliseconds() + ttlMs
                    let fence = try await fences?.nextLockFence(name, heldUntilMs: expiresAtMs) ?? 1
                    await self.granted(token: token, fence: fence, expiresAtMs: expiresAtMs)
                    grantedContinuation.yield(fence)
                    grantedContinuation.finish()
                    while await self.isLive(token) {
                        try? await Task.sleep(for: .milliseconds(Self.pollMs))
                    }
                    // Released: the next grant need not wait for this one's expiry. Expired: nothing to drop. A
                    // failed delete only makes the next grant wait until the expiry, which is safe.
                    if await self.wasReleased(token) { try? await fences?.releaseLease(name, fence: fence) }
                }
            } catch {
                grantedContinuation.finish(throwing: error)
            }
            await self.forget(token)
        }
        var fence: Int64?
        do {
            for try await value in granted { fence = value }
        } catch let earlier as LeaseStillRunningError {
            throw WireError(
                status: 409, code: "lock_not_acquired",
                message: "lock \(name) was last granted by a server that stopped, and that lease runs "
                    + "\(earlier.remainingMs) ms more, past the \(waitMs) ms wait; retry after it",
                details: ["name": .string(name)])
        } catch is LockTimeoutError {
            // The store's own holder text names database pids and client addresses: it stays in this process.
            // A client learns only what this replica knows about its own leases.
            var details: JSONObject = ["name": .string(name)]
            if let local = localHolder(of: name, except: token) { details["holder"] = .string(local) }
            throw WireError(
                status: 409, code: "lock_not_acquired",
                message: "lock \(name) is held elsewhere and was not free within \(waitMs) ms", details: details)
        } catch let busy as LockSessionsBusyError {
            throw WireError(
                status: 503, code: "store_unavailable",
                message: "every one of this replica's \(busy.sessions) lock sessions holds a lease; retry shortly",
                retryAfterSeconds: 1)
        }
        guard fence != nil, let lease = leases[token] else { throw WireError.internalError }
        return lease.grant
    }

    /// "a lease on this replica, expiring in N ms" when one of this replica's live leases holds `name`.
    private func localHolder(of name: String, except token: String) -> String? {
        let now = UTCTimestamp.nowMilliseconds()
        guard
            let lease = leases.values.first(where: {
                $0.name == name && $0.token != token && $0.isHeld(now: now)
            })
        else { return nil }
        return "a lease on this replica, expiring in \(lease.expiresAtMs - now) ms"
    }

    /// Extends a live lease by its ttl (or `ttlMs` when given), recording the new expiry in the store first.
    ///
    /// - Throws: ``WireError`` 409 `lease_not_held`; a store failure, the lease then left as it was.
    func renew(name: String, token: String, ttlMs: Int64?) async throws -> LeaseGrant {
        let notHeld = WireError(
            status: 409, code: "lease_not_held",
            message: "this token does not hold lock \(name): it expired or was released; acquire it again")
        guard let lease = leases[token], lease.name == name, lease.isHeld(now: UTCTimestamp.nowMilliseconds()),
            let fence = lease.fence
        else { throw notHeld }
        let newTtlMs = ttlMs ?? lease.ttlMs
        let expiresAtMs = UTCTimestamp.nowMilliseconds() + newTtlMs
        try await fences?.extendLease(name, fence: fence, heldUntilMs: expiresAtMs)
        // The write suspended this actor: the lease may have ended meanwhile, and then its holder let go of the
        // store's lock, so it must not come back to life.
        guard var current = leases[token], current.isHeld(now: UTCTimestamp.nowMilliseconds()) else {
            throw notHeld
        }
        current.ttlMs = newTtlMs
        // Exactly what the store now records: a client told a later expiry than the store's could outlive it.
        current.expiresAtMs = expiresAtMs
        leases[token] = current
        return current.grant
    }

    /// Ends a lease and waits until the store's lock is let go; false when the token holds nothing (a repeat).
    func release(name: String, token: String) async -> Bool {
        guard var lease = leases[token], lease.name == name, lease.fence != nil, !lease.released else { return false }
        lease.released = true
        leases[token] = lease
        await holders[token]?.value
        return true
    }

    /// Releases every lease and abandons waiting acquires (shutdown).
    func releaseAll() async {
        for token in Array(leases.keys) {
            leases[token]?.released = true
            await holders[token]?.value
        }
    }

    private func granted(token: String, fence: Int64, expiresAtMs: Int64) {
        leases[token]?.fence = fence
        leases[token]?.expiresAtMs = expiresAtMs
    }

    private func wasReleased(_ token: String) -> Bool { leases[token]?.released ?? false }

    private func isLive(_ token: String) -> Bool {
        leases[token]?.isLive(now: UTCTimestamp.nowMilliseconds()) ?? false
    }

    private func forget(_ token: String) {
        leases[token] = nil
        holders[token] = nil
    }
}
