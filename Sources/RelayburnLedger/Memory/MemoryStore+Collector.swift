extension MemoryStore: CollectorStore {
    public func createAPIKey(_ key: StoredAPIKey) async throws {
        if apiKeys.contains(where: { $0.name == key.name }) { throw APIKeyExistsError(name: key.name) }
        apiKeys.append(key)
    }

    public func listAPIKeys() async throws -> [StoredAPIKey] { apiKeys }

    public func revokeAPIKey(name: String, at revokedAt: String) async throws -> Bool {
        guard let index = apiKeys.firstIndex(where: { $0.name == name && $0.revokedAt == nil }) else { return false }
        apiKeys[index].revokedAt = revokedAt
        return true
    }

    public func leaseHeldUntil(_ name: String) async throws -> Int64? {
        guard let lease = leaseExpiries[name], lease.fence == lockFences[name] else { return nil }
        return lease.heldUntilMs
    }

    public func nextLockFence(_ name: String, heldUntilMs: Int64) async throws -> Int64 {
        let next = (lockFences[name] ?? 0) + 1
        lockFences[name] = next
        leaseExpiries[name] = (next, heldUntilMs)
        return next
    }

    public func extendLease(_ name: String, fence: Int64, heldUntilMs: Int64) async throws {
        guard leaseExpiries[name]?.fence == fence else { return }
        leaseExpiries[name] = (fence, heldUntilMs)
    }

    public func releaseLease(_ name: String, fence: Int64) async throws {
        if leaseExpiries[name]?.fence == fence { leaseExpiries[name] = nil }
    }
}
