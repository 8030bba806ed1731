/// What one run of the migration runner did.
public struct MigrationReport: Sendable, Equatable {
    /// Migrations this run applied, in order.
    public var applied: [AppliedMigration] = []
    /// Whether the fast path answered: all wanted versions were applied, no lock was taken and no DDL ran.
    public var tookFastPath: Bool = false
    /// The highest version applied in the database after the run (0 when none).
    public var currentVersion: Int = 0
    /// Whether this binary may write the store, which may have migrations it does not know.
    public var access: StoreAccess = .readWrite
}

/// What a binary may do with a store whose newest migrations it may not know (DESIGN §9).
public enum StoreAccess: Sendable, Equatable {
    /// Every migration is known, or the unknown ones are declared additive.
    case readWrite
    /// An unknown migration lets this binary read only; `reason` is the sentence writes refuse with.
    case readOnly(reason: String)
}

/// A write refused because the store is read-only for this binary (``StoreAccess/readOnly(reason:)``).
public struct StoreReadOnlyError: RelayburnError {
    public let description: String
    public var errorCode: String { "store_read_only" }

    public init(_ description: String) { self.description = description }
}
