/// Brings a database up to date with the catalog's migrations (DESIGN §5).
///
/// The fast path reads `schema_versions` once and returns when every wanted version is applied with a matching
/// checksum. Otherwise each pending migration is applied in its own transaction that also holds the migration
/// lock, re-reads `schema_versions` under it and records its row, so concurrent runners apply each version
/// exactly once and a failure leaves nothing half-applied.
public struct MigrationRunner<Driver: MigrationDriver>: Sendable {
    public let driver: Driver
    public let catalog: SchemaCatalog
    /// How long to wait for another runner's lock before giving up.
    public var lockTimeoutMs: Int64
    /// Recorded as `applied_by` (e.g. `alice@ci-7 pid 4242 (relayburn 0.1.0)`).
    public var appliedBy: String

    public init(driver: Driver, catalog: SchemaCatalog = .embedded, lockTimeoutMs: Int64 = 60_000, appliedBy: String) {
        self.driver = driver
        self.catalog = catalog
        self.lockTimeoutMs = lockTimeoutMs
        self.appliedBy = appliedBy
    }

    /// Applies pending migrations up to `target` (default: all).
    ///
    /// - Throws: `MigrationError` (`modified`, `unknownVersion`, `gap`, `lockTimeout`, `migrationFailed`,
    ///   `unknownTarget`), `DatabaseError` when the database cannot be read, `TemplateError` for a defective
    ///   template.
    public func migrate(to target: Int? = nil) async throws -> MigrationReport {
        let targetVersion = try resolve(target: target)
        let read = try catalog.statement("runner/read_schema_versions", for: driver.dialect)
        let applied = try await driver.withConnection { connection in
            try Self.readApplied(connection, read)
        }
        if let applied {
            try validate(applied)
            let current = applied.last?.version ?? 0
            if current >= targetVersion {
                return MigrationReport(applied: [], tookFastPath: true, currentVersion: current)
            }
        }
        return try await applyPending(upTo: targetVersion, read: read)
    }

    /// Lists every version known to the binary or recorded in the database.
    public func status() async throws -> [MigrationStatus] {
        let read = try catalog.statement("runner/read_schema_versions", for: driver.dialect)
        let applied = try await driver.withConnection { connection in try Self.readApplied(connection, read) } ?? []
        let recorded = Dictionary(applied.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [MigrationStatus] = catalog.migrations.map { migration in
            guard let row = recorded[migration.version] else {
                return MigrationStatus(
                    version: migration.version, name: migration.name, state: .pending, appliedAt: nil,
                    checksum: migration.checksum, fileChecksum: migration.checksum)
            }
            return MigrationStatus(
                version: migration.version, name: migration.name,
                state: row.checksum == migration.checksum ? .applied : .modified, appliedAt: row.appliedAt,
                checksum: row.checksum, fileChecksum: migration.checksum)
        }
        for row in applied where row.version > catalog.latestVersion {
            entries.append(
                MigrationStatus(
                    version: row.version, name: row.name, state: .unknown, appliedAt: row.appliedAt,
                    checksum: row.checksum, fileChecksum: nil))
        }
        return entries
    }

    /// The migrations `migrate(to:)` would apply, rendered for the driver's dialect (for `--dry-run`).
    public func pending(to target: Int? = nil) async throws -> [(migration: Migration, sql: RenderedStatement)] {
        let targetVersion = try resolve(target: target)
        let read = try catalog.statement("runner/read_schema_versions", for: driver.dialect)
        let applied = try await driver.withConnection { connection in try Self.readApplied(connection, read) } ?? []
        try validate(applied)
        let current = applied.last?.version ?? 0
        return try catalog.migrations
            .filter { $0.version > current && $0.version <= targetVersion }
            .map { ($0, try catalog.render($0, for: driver.dialect)) }
    }

    private func resolve(target: Int?) throws -> Int {
        guard let target else { return catalog.latestVersion }
        guard target >= 0, target <= catalog.latestVersion else {
            throw MigrationError.unknownTarget(target, latest: catalog.latestVersion)
        }
        return target
    }

    private enum Step: Sendable {
        case applied(AppliedMigration)
        case upToDate(currentVersion: Int)
    }

    private func applyPending(upTo targetVersion: Int, read: RenderedStatement) async throws -> MigrationReport {
        let dialect = driver.dialect
        let createTable = try catalog.statement("runner/create_schema_versions", for: dialect)
        let insert = try catalog.statement("runner/insert_schema_version", for: dialect)
        let rendered = try catalog.migrations.map { try catalog.render($0, for: dialect) }
        var report = MigrationReport()
        while true {
            let step = try await driver.withMigrationTransaction(lockTimeoutMs: lockTimeoutMs) {
                [self] connection in
                try connection.execute(script: createTable)
                // Re-read under the lock: another runner may have applied what we saw pending.
                let applied = try Self.readApplied(connection, read) ?? []
                try validate(applied)
                let current = applied.last?.version ?? 0
                guard current < targetVersion else { return Step.upToDate(currentVersion: current) }
                let migration = catalog.migrations[current]
                let clock = ContinuousClock()
                let started = clock.now
                do {
                    try connection.execute(script: rendered[current])
                } catch let error as DatabaseError {
                    throw MigrationError.migrationFailed(migration, error: error)
                }
                let elapsed = clock.now - started
                let record = AppliedMigration(
                    version: migration.version, name: migration.name, checksum: migration.checksum,
                    appliedAt: UTCTimestamp.now(),
                    executionMs: elapsed.milliseconds,
                    appliedBy: appliedBy)
                _ = try connection.query(insert, bindings: record.bindings(for: insert))
                return Step.applied(record)
            }
            switch step {
            case .applied(let record):
                report.applied.append(record)
                report.currentVersion = record.version
            case .upToDate(let current):
                report.currentVersion = current
                return report
            }
        }
    }

    /// Checks the recorded rows against the catalog: unknown newer versions, gaps, modified files.
    func validate(_ applied: [AppliedMigration]) throws {
        if let newer = applied.first(where: { $0.version > catalog.latestVersion }) {
            throw MigrationError.unknownVersion(newer, latestKnown: catalog.latestVersion)
        }
        if let invalid = applied.first(where: { $0.version < 1 }) {
            throw MigrationError.malformedVersionTable(detail: "it records version \(invalid.version), below 1")
        }
        let versions = applied.map(\.version)
        if let highest = versions.last {
            let present = Set(versions)
            let missing = (1...highest).filter { !present.contains($0) }
            if !missing.isEmpty { throw MigrationError.gap(missing: missing, applied: versions) }
        }
        for row in applied {
            let migration = catalog.migrations[row.version - 1]
            if migration.checksum != row.checksum { throw MigrationError.modified(migration, recorded: row.checksum) }
        }
    }

    /// Reads `schema_versions` in version order; `nil` when the table does not exist yet.
    static func readApplied(_ connection: any MigrationConnection, _ read: RenderedStatement) throws -> [AppliedMigration]? {
        let rows: [[SQLValue]]
        do {
            rows = try connection.query(read, bindings: [])
        } catch where connection.isUndefinedTable(error) {
            return nil
        }
        return try rows.map(AppliedMigration.init(row:))
    }
}
