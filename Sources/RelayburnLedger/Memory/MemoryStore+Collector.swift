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

    public func nextLockFence(_ name: String) async throws -> Int64 {
        let next = (lockFences[name] ?? 0) + 1
        lockFences[name] = next
        return next
    }
}
