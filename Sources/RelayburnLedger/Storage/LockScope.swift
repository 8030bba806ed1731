public import RelayburnSchema

/// Makes `withLock` re-entrant within one call chain: the locks a task holds travel with it as a task-local.
public enum LockScope {
    @TaskLocal static var held: Set<String> = []

    /// Whether the current call chain already holds `name` on the store identified by `store`.
    public static func isHeld(_ name: String, store: ObjectIdentifier) -> Bool {
        held.contains(key(name, store))
    }

    /// Runs `body` with `name` marked as held for nested `withLock` calls on the same store.
    public static func holding<T: Sendable>(
        _ name: String, store: ObjectIdentifier, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await $held.withValue(held.union([key(name, store)])) { try await body() }
    }

    private static func key(_ name: String, _ store: ObjectIdentifier) -> String { "\(store.hashValue)/\(name)" }
}

/// A lock was not obtained in time.
public struct LockTimeoutError: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let holder: String?
    public let description: String

    public init(name: String, waitedMs: Int64, holder: String?) {
        self.name = name
        self.holder = holder
        let who = holder.map { "it is held by \($0)" } ?? "its holder is unknown"
        description = "timed out after \(waitedMs) ms waiting for lock \"\(name)\"; \(who)"
    }
}

extension LockTimeoutError: RelayburnError {
    public var errorCode: String { "lock_timeout" }
}

/// Every session a store keeps for lock holders was holding a lock for the whole wait: the store's capacity,
/// not the named lock, was the limit (a server replica with more leases than lock sessions).
public struct LockSessionsBusyError: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let sessions: Int
    public let description: String

    public init(name: String, sessions: Int, waitedMs: Int64) {
        self.name = name
        self.sessions = sessions
        description =
            "timed out after \(waitedMs) ms waiting for lock \"\(name)\": all \(sessions) lock sessions of this "
            + "store hold other locks; retry later or raise RELAYBURN_POSTGRES_LOCK_SESSIONS"
    }
}

extension LockSessionsBusyError: RelayburnError {
    public var errorCode: String { "lock_sessions_busy" }
}
