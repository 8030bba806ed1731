extension MemoryStore {
    /// A caller waiting for a held lock.
    struct LockWaiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
        let timer: Task<Void, Never>
    }

    /// Runs `body` holding the lock `name` of this store; a call chain already holding it runs `body` at once.
    ///
    /// - Throws: ``LockTimeoutError`` when the lock stays held by others for `timeoutMs`, or what
    ///   `body` throws.
    public func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let store = ObjectIdentifier(self)
        if LockScope.isHeld(name, store: store) { return try await body() }
        try await acquireLock(name, timeoutMs: timeoutMs)
        do {
            let result = try await LockScope.holding(name, store: store, body)
            releaseLock(name)
            return result
        } catch {
            releaseLock(name)
            throw error
        }
    }

    private func acquireLock(_ name: String, timeoutMs: Int64) async throws {
        guard heldLocks.contains(name) else {
            heldLocks.insert(name)
            return
        }
        nextWaiterId += 1
        let id = nextWaiterId
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let timer = Task {
                try? await Task.sleep(for: .milliseconds(max(0, timeoutMs)))
                guard !Task.isCancelled else { return }
                self.expireWaiter(id, of: name, timeoutMs: timeoutMs)
            }
            lockWaiters[name, default: []].append(LockWaiter(id: id, continuation: continuation, timer: timer))
        }
    }

    /// Hands the lock to the first waiter, or frees it.
    private func releaseLock(_ name: String) {
        guard var waiters = lockWaiters[name], !waiters.isEmpty else {
            heldLocks.remove(name)
            return
        }
        let next = waiters.removeFirst()
        lockWaiters[name] = waiters.isEmpty ? nil : waiters
        next.timer.cancel()
        next.continuation.resume()
    }

    private func expireWaiter(_ id: UInt64, of name: String, timeoutMs: Int64) {
        guard let position = lockWaiters[name]?.firstIndex(where: { $0.id == id }) else { return }
        let waiter = lockWaiters[name]!.remove(at: position)
        if lockWaiters[name]?.isEmpty == true { lockWaiters[name] = nil }
        waiter.continuation.resume(throwing: LockTimeoutError(name: name, waitedMs: timeoutMs, holder: nil))
    }
}
