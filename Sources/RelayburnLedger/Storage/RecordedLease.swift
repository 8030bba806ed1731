public import RelayburnSchema

/// The lock's name was last granted as a collector-server lease whose server stopped before the lease ran out, and
/// the lease runs past the caller's wait. The server's client may still be working until then.
public struct LeaseStillRunningError: RelayburnError {
    public let name: String
    public let remainingMs: Int64
    public var errorCode: String { "lock_timeout" }
    public var description: String {
        "lock \"\(name)\" was last granted as a lease by a collector server that stopped; that lease runs "
            + "\(remainingMs) ms more, past this wait: retry after it or wait longer"
    }

    public init(name: String, remainingMs: Int64) {
        self.name = name
        self.remainingMs = remainingMs
    }
}

/// What every store's `withLock` does right after taking a lock: a killed collector server's session takes its
/// locks with it, but the server recorded its leases' expiries (`lock_leases`), and whoever takes the name next —
/// another server, or `relayburn lock` on the store itself — waits, holding the lock, until that expiry passes.
enum RecordedLease {
    /// Sleeps until `heldUntil()`'s expiry (Unix ms) passes.
    ///
    /// - Throws: ``LeaseStillRunningError`` when it falls more than `leftMs` from now; what `heldUntil` throws.
    static func outwait(_ name: String, leftMs: Int64, heldUntil: () async throws -> Int64?) async throws {
        guard let heldUntilMs = try await heldUntil() else { return }
        let remainingMs = heldUntilMs - UTCTimestamp.nowMilliseconds()
        guard remainingMs > 0 else { return }
        guard remainingMs <= leftMs else { throw LeaseStillRunningError(name: name, remainingMs: remainingMs) }
        try await Task.sleep(for: .milliseconds(remainingMs))
    }
}

extension CollectorStore {
    /// ``RecordedLease/outwait(_:leftMs:heldUntil:)`` for this store's record of `name`.
    public func outwaitRecordedLease(_ name: String, leftMs: Int64) async throws {
        try await RecordedLease.outwait(name, leftMs: leftMs) { try await leaseHeldUntil(name) }
    }
}
