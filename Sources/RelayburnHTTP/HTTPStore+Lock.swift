import RelayburnLedger
import RelayburnSchema
import RelayburnWire

extension HTTPStore {
    /// Runs `body` holding the server lease `name`; a call chain already holding it runs `body` at once.
    ///
    /// The lease is renewed every third of its time in a child task. A renew that fails cancels `body` (another
    /// holder may be running by then) and throws; the lease is released after `body`, whether it returned or threw.
    ///
    /// - Throws: `LockTimeoutError` naming the holder when the lease stays taken for `timeoutMs`; ``HTTPStoreError``
    ///   `invalidLockName` before any request, `leaseLost` ("lease on NAME lost"); what `body` throws.
    public func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let store = ObjectIdentifier(self)
        if LockScope.isHeld(name, store: store) { return try await body() }
        guard LockName.isValid(name) else {
            throw HTTPStoreError(
                .invalidLockName,
                "lock name \"\(name.prefix(200))\" is not 1-200 characters of A-Z a-z 0-9 . _ : / -; rename the lock")
        }
        let ttlMs = leaseTtlMs
        let grant = try await acquireLease(name, ttlMs: ttlMs, timeoutMs: timeoutMs)
        let lease = LeaseToken(grant.token)
        let result: T
        do {
            // The body runs as a child task so a lost lease can cancel it; the group awaits it before returning, so
            // it never outlives this call.
            result = try await withoutActuallyEscaping(body) { body in
                try await holding(name, lease, ttlMs: ttlMs) { try await LockScope.holding(name, store: store, body) }
            }
        } catch {
            // A cancelled caller must still release: the release runs in a task of its own, which the caller's
            // cancellation does not reach.
            let token = await lease.current
            await Task { try? await releaseLease(name, token: token, ttlMs: ttlMs) }.value
            throw error
        }
        let token = await lease.current
        try await Task { try await releaseLease(name, token: token, ttlMs: ttlMs) }.value
        return result
    }

    /// What a child of ``holding(_:_:ttlMs:_:)`` finished with.
    private enum LeaseChild<T: Sendable>: Sendable {
        case body(T)
        case renewalStopped
    }

    /// Runs `body` next to the renewal loop; the first to fail cancels the other.
    private func holding<T: Sendable>(
        _ name: String, _ lease: LeaseToken, ttlMs: Int64, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: LeaseChild<T>.self) { group in
            group.addTask { .body(try await body()) }
            group.addTask {
                try await self.keepRenewing(name, lease, ttlMs: ttlMs)
                return .renewalStopped
            }
            while let child = try await group.next() {
                guard case .body(let value) = child else { continue }
                group.cancelAll()
                return value
            }
            // Both children ended without a value: only cancellation does that.
            throw CancellationError()
        }
    }

    /// Renews every `ttlMs / 3` until cancelled; each renew may retry until the lease would have expired.
    ///
    /// - Throws: ``HTTPStoreError`` `leaseLost`.
    private func keepRenewing(_ name: String, _ lease: LeaseToken, ttlMs: Int64) async throws {
        let clock = ContinuousClock()
        var expires = clock.now + .milliseconds(ttlMs)
        while true {
            do {
                try await Task.sleep(for: .milliseconds(max(1, ttlMs / 3)))
            } catch {
                return
            }
            let asked = clock.now
            do {
                let grant = try await renewLease(
                    name, token: await lease.current, budget: max(.milliseconds(1), expires - asked))
                await lease.replace(with: grant.token)
                expires = asked + .milliseconds(ttlMs)
            } catch is CancellationError {
                return
            }
        }
    }
}

/// The token of a held lease, which a renew may replace while `body` runs and the release needs afterwards.
actor LeaseToken {
    private(set) var current: String

    init(_ token: String) { current = token }

    func replace(with token: String) { current = token }
}
