/// What one run of the migration runner did.
public struct MigrationReport: Sendable, Equatable {
    /// Migrations this run applied, in order.
    public var applied: [AppliedMigration] = []
    /// Whether the fast path answered: all wanted versions were applied, no lock was taken and no DDL ran.
    public var tookFastPath: Bool = false
    /// The highest version applied in the database after the run (0 when none).
    public var currentVersion: Int = 0
}
