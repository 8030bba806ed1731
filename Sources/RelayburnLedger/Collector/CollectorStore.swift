public import RelayburnSchema

/// What the collector server needs of its backing store beyond ``StorageAdapter``: the API keys kept in the
/// database (`api_keys`, so every replica sees the same keys) and the fencing counters of its leases
/// (`lock_fences`). The SQLite, PostgreSQL and memory stores conform; the http store does not (a server cannot be
/// backed by another server).
public protocol CollectorStore: StorageAdapter {
    /// Stores a new key's digest.
    ///
    /// - Throws: ``APIKeyExistsError`` when the name is taken (revoked keys keep their names).
    func createAPIKey(_ key: StoredAPIKey) async throws

    /// Every key, revoked ones included, oldest first.
    func listAPIKeys() async throws -> [StoredAPIKey]

    /// Marks the named key revoked; false when there is no such unrevoked key.
    func revokeAPIKey(name: String, at revokedAt: String) async throws -> Bool

    /// The expiry (Unix milliseconds) recorded for `name`'s latest grant: nil when it was released, when nothing was
    /// recorded, or when a later grant (by a server that records no expiries) superseded it. Call only while holding
    /// `name`'s lock.
    func leaseHeldUntil(_ name: String) async throws -> Int64?

    /// The next fencing counter of `name` (1 for the first grant), recording that grant's expiry. Call only while
    /// holding `name`'s lock.
    func nextLockFence(_ name: String, heldUntilMs: Int64) async throws -> Int64

    /// Moves the recorded expiry of grant `fence` of `name` (a renew); does nothing once that grant was released.
    func extendLease(_ name: String, fence: Int64, heldUntilMs: Int64) async throws

    /// Drops the recorded expiry of grant `fence` of `name` (a release), so the next grant need not wait for it.
    func releaseLease(_ name: String, fence: Int64) async throws
}

/// One key of the `api_keys` table: never the key itself, only its SHA-256.
public struct StoredAPIKey: Sendable, Equatable {
    public var name: String
    /// The key's first characters, shown to tell keys apart.
    public var prefix: String
    /// Lowercase hex SHA-256 of the key.
    public var sha256: String
    /// `+`-joined scopes, e.g. `read+write`.
    public var scopes: String
    public var createdAt: String
    public var revokedAt: String?

    public init(name: String, prefix: String, sha256: String, scopes: String, createdAt: String, revokedAt: String?) {
        self.name = name
        self.prefix = prefix
        self.sha256 = sha256
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A key name already in use.
public struct APIKeyExistsError: RelayburnError {
    public let name: String
    public var errorCode: String { "key_exists" }
    public var description: String {
        "a key named \(name) already exists (revoked keys keep their names); choose another --name"
    }
    public init(name: String) { self.name = name }
}

extension SQLLedgerStore {
    public func createAPIKey(_ key: StoredAPIKey) async throws {
        if try await listAPIKeys().contains(where: { $0.name == key.name }) { throw APIKeyExistsError(name: key.name) }
        let insert = statements.insertAPIKey
        try await executeWrite(
            insert,
            bindings: insert.bindings([
                "name": .text(key.name), "prefix": .text(key.prefix), "sha256": .text(key.sha256),
                "scopes": .text(key.scopes), "created_at": .text(key.createdAt),
            ]))
    }

    public func listAPIKeys() async throws -> [StoredAPIKey] {
        try await reader.run(statements.listAPIKeys, []).map { row in
            StoredAPIKey(
                name: row[0].textValue ?? "", prefix: row[1].textValue ?? "", sha256: row[2].textValue ?? "",
                scopes: row[3].textValue ?? "", createdAt: row[4].textValue ?? "", revokedAt: row[5].textValue)
        }
    }

    public func revokeAPIKey(name: String, at revokedAt: String) async throws -> Bool {
        guard try await listAPIKeys().contains(where: { $0.name == name && $0.revokedAt == nil }) else { return false }
        let revoke = statements.revokeAPIKey
        try await executeWrite(
            revoke, bindings: revoke.bindings(["name": .text(name), "revoked_at": .text(revokedAt)]))
        return true
    }

    public func leaseHeldUntil(_ name: String) async throws -> Int64? {
        let read = statements.leaseHeldUntil
        return try await reader.run(read, read.bindings(["name": .text(name)])).first?.first?.integerValue
    }

    public func nextLockFence(_ name: String, heldUntilMs: Int64) async throws -> Int64 {
        let next = statements.nextLockFence
        try await executeWrite(next, bindings: next.bindings(["name": .text(name)]))
        let read = statements.readLockFence
        let fence = try await reader.run(read, read.bindings(["name": .text(name)])).first?.first?.integerValue ?? 1
        let hold = statements.holdLease
        try await executeWrite(
            hold,
            bindings: hold.bindings([
                "name": .text(name), "fence": .integer(fence), "held_until_ms": .integer(heldUntilMs),
            ]))
        return fence
    }

    public func extendLease(_ name: String, fence: Int64, heldUntilMs: Int64) async throws {
        let extend = statements.extendLease
        try await executeWrite(
            extend,
            bindings: extend.bindings([
                "name": .text(name), "fence": .integer(fence), "held_until_ms": .integer(heldUntilMs),
            ]))
    }

    public func releaseLease(_ name: String, fence: Int64) async throws {
        let release = statements.releaseLease
        try await executeWrite(release, bindings: release.bindings(["name": .text(name), "fence": .integer(fence)]))
    }
}
