public import RelayburnSchema

/// What ``StoreConnector/noOpMigration(_:to:catalog:)`` found.
public enum NoOpMigration: Sendable {
    /// The store is already at the target: the runner's fast-path report.
    case upToDate(MigrationReport)
    /// The runner has work to do (or a judgement to make): the driver, already connected, to run it with.
    case needsRunner(any MigrationDriver)
    /// Nothing was opened: a SQLite file not created yet, an `http` or `memory:` store.
    case notOpened

    /// The report when the store is up to date.
    public var report: MigrationReport? {
        guard case .upToDate(let report) = self else { return nil }
        return report
    }
}
