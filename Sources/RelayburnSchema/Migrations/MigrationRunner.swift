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
    /// The newest migration the caller's own code needs (all of the catalog when `nil`). A store that already
    /// has it is never waited on: pending migrations get one non-blocking try at the lock, and when another
    /// runner holds it they are left to that runner while the caller proceeds.
    public var requiredVersion: Int?
    /// PostgreSQL `lock_timeout` for a migration's statements: how long one may queue for a table lock.
    public var tableLockTimeoutMs: Int64 = 2_000
    /// PostgreSQL `statement_timeout` for a migration's statements.
    public var statementTimeoutMs: Int64 = 600_000
    /// How long a migration that keeps timing out on its table locks is retried before the runner gives up.
    public var tableLockRetryBudgetMs: Int64 = 30_000
    /// Apply migrations that cut off hosts the census saw recently (`relayburn migrate --contract`).
    public var allowContract = false
    /// How far back the census counts a host as part of the fleet (24 h by default).
    public var censusWindowMs: Int64 = 86_400_000

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
        let readFloors = try catalog.statement("runner/read_schema_floors", for: driver.dialect)
        let applied = try await driver.withConnection { [catalog] connection in
            try Self.readApplied(connection, read, floors: readFloors, known: catalog.latestVersion)
        }
        if let applied {
            let access = try validate(applied)
            let current = applied.last?.version ?? 0
            if current >= targetVersion {
                return MigrationReport(applied: [], tookFastPath: true, currentVersion: current, access: access)
            }
            if let requiredVersion, current >= requiredVersion {
                // Our code has what it needs: try once, and leave the rest to whoever holds the lock.
                var once = self
                once.lockTimeoutMs = 0
                do {
                    return try await once.applyPending(upTo: targetVersion, read: read, readFloors: readFloors)
                } catch let error as MigrationError where error.code == .lockTimeout || error.code == .fleetContraction {
                    // Another host is migrating, or the migration waits for an operator's --contract.
                    return MigrationReport(applied: [], tookFastPath: false, currentVersion: current, access: access)
                }
            }
        }
        return try await applyPending(upTo: targetVersion, read: read, readFloors: readFloors)
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
        let readFloors = try catalog.statement("runner/read_schema_floors", for: driver.dialect)
        let applied =
            try await driver.withConnection { [catalog] connection in
                try Self.readApplied(connection, read, floors: readFloors, known: catalog.latestVersion)
            } ?? []
        _ = try validate(applied)
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
        case upToDate(currentVersion: Int, access: StoreAccess)
    }

    private func applyPending(
        upTo targetVersion: Int, read: RenderedStatement, readFloors: RenderedStatement
    ) async throws -> MigrationReport {
        let dialect = driver.dialect
        let createTable = try catalog.statement("runner/create_schema_versions", for: dialect)
        let countFloors = try catalog.statement("runner/count_schema_versions_floors", for: dialect)
        let addFloors = try catalog.statement("runner/add_schema_versions_floors", for: dialect)
        let insert = try catalog.statement("runner/insert_schema_version", for: dialect)
        let rendered = try catalog.migrations.map { try catalog.render($0, for: dialect) }
        let setTimeouts = try catalog.statement("runner/set_migration_timeouts", for: dialect)
        let timeoutBindings = setTimeouts.parameters.map { name -> SQLValue in
            .text(name == "lock_timeout" ? "\(tableLockTimeoutMs)ms" : "\(statementTimeoutMs)ms")
        }
        var report = MigrationReport()
        var retry = TableLockRetry(budgetMs: tableLockRetryBudgetMs)
        while true {
            let step: Step
            do {
                step = try await runOnePending(
                    upTo: targetVersion, read: read, readFloors: readFloors, createTable: createTable,
                    countFloors: countFloors, addFloors: addFloors, insert: insert, rendered: rendered,
                    setTimeouts: setTimeouts, timeoutBindings: timeoutBindings)
            } catch let error as MigrationError where Self.isTableLockTimeout(error) {
                // Rolled back; the lock queue behind us is gone. Wait a little and try again, within the budget.
                guard let pause = retry.next() else {
                    throw try await tableLockFailure(error, attempts: retry.attempts)
                }
                try await Task.sleep(for: .milliseconds(pause))
                continue
            }
            switch step {
            case .applied(let record):
                report.applied.append(record)
                report.currentVersion = record.version
            case .upToDate(let current, let access):
                report.currentVersion = current
                report.access = access
                return report
            }
        }
    }

    /// One pending migration (or the verdict that none is left), in one locked transaction.
    private func runOnePending(
        upTo targetVersion: Int, read: RenderedStatement, readFloors: RenderedStatement,
        createTable: RenderedStatement, countFloors: RenderedStatement, addFloors: RenderedStatement,
        insert: RenderedStatement, rendered: [RenderedStatement], setTimeouts: RenderedStatement,
        timeoutBindings: [SQLValue]
    ) async throws -> Step {
        let dialect = driver.dialect
        return try await driver.withMigrationTransaction(lockTimeoutMs: lockTimeoutMs) {
                [self] connection in
                try connection.execute(script: createTable)
                // A table from before the floors gets them (nullable: older binaries keep inserting rows).
                if try connection.query(countFloors, bindings: []).first?.first?.integerValue == 0 {
                    try connection.execute(script: addFloors)
                }
                // Re-read under the lock: another runner may have applied what we saw pending.
                let applied =
                    try Self.readApplied(connection, read, floors: readFloors, known: catalog.latestVersion) ?? []
                let access = try validate(applied)
                let current = applied.last?.version ?? 0
                guard current < targetVersion else { return Step.upToDate(currentVersion: current, access: access) }
                let migration = catalog.migrations[current]
                try checkCensus(before: migration, connection)
                if dialect == .postgres { _ = try connection.query(setTimeouts, bindings: timeoutBindings) }
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
                    appliedBy: appliedBy, floors: catalog.floors(through: migration.version))
                _ = try connection.query(insert, bindings: record.bindings(for: insert))
                return Step.applied(record)
            }
    }

    /// PostgreSQL's `lock_not_available` (55P03): a statement waited `lock_timeout` for a table lock.
    static func isTableLockTimeout(_ error: MigrationError) -> Bool {
        error.code == .migrationFailed && error.underlying?.code == "55P03"
    }

    /// The final error after the retry budget: names the sessions holding locks in the schema.
    private func tableLockFailure(_ error: MigrationError, attempts: Int) async throws -> MigrationError {
        let blockersQuery = try catalog.statement("runner/ddl_lock_blockers", for: driver.dialect)
        let rows = (try? await driver.withConnection { connection in try connection.query(blockersQuery, bindings: []) })
            ?? []
        let blockers = rows.compactMap { row -> String? in
            guard row.count >= 4, let pid = row[0].textValue else { return nil }
            let application = row[1].textValue.flatMap { $0.isEmpty ? nil : $0 } ?? "an unnamed client"
            let since = row[2].textValue.flatMap { $0.isEmpty ? nil : ", its query started \($0)" } ?? ""
            return "server pid \(pid) (\(application), \(row[3].textValue ?? "in a transaction")\(since))"
        }
        let migration = catalog.migrations.first { $0.version == error.version } ?? catalog.migrations[0]
        return MigrationError.tableLockTimeout(
            migration, lockTimeoutMs: tableLockTimeoutMs, attempts: attempts, blockers: blockers,
            underlying: error.underlying)
    }

    /// Checks the recorded rows against the catalog (gaps, modified files) and decides what this binary may do
    /// with migrations it does not know: their recorded floors (DESIGN §9) allow reading and writing, reading
    /// only, or nothing (an unknown row without floors counts as breaking, as before floors existed).
    ///
    /// - Throws: `MigrationError` `unknownVersion` below the read floor, `gap`, `modified`, `malformedVersionTable`.
    func validate(_ applied: [AppliedMigration]) throws -> StoreAccess {
        let known = catalog.latestVersion
        if let invalid = applied.first(where: { $0.version < 1 }) {
            throw MigrationError.malformedVersionTable(detail: "it records version \(invalid.version), below 1")
        }
        let versions = applied.map(\.version)
        if let highest = versions.last {
            let present = Set(versions)
            let missing = (1...highest).filter { !present.contains($0) }
            if !missing.isEmpty { throw MigrationError.gap(missing: missing, applied: versions) }
        }
        for row in applied where row.version <= known {
            let migration = catalog.migrations[row.version - 1]
            if migration.checksum != row.checksum { throw MigrationError.modified(migration, recorded: row.checksum) }
        }
        let unknown = applied.filter { $0.version > known }
        guard let first = unknown.first else { return .readWrite }
        let readFloor = unknown.map(\.effectiveFloors.read).max() ?? first.version
        let writeFloor = unknown.map(\.effectiveFloors.write).max() ?? first.version
        if known >= writeFloor { return .readWrite }
        guard known >= readFloor else { throw MigrationError.unknownVersion(first, latestKnown: known) }
        let raising = unknown.first { $0.effectiveFloors.write > known } ?? first
        return .readOnly(
            reason: "the store is read-only for this relayburn: its migration "
                + "\(Migration.label(version: raising.version, name: raising.name)) lets relayburn builds that know "
                + "migrations up to \(known) read but not write; upgrade to a relayburn that knows migration "
                + "\(Migration.paddedVersion(writeFloor)) or newer to write")
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

    /// ``readApplied(_:_:)``, plus the recorded floors of the rows above `known` when there are any: a second
    /// query only on a store with migrations this binary does not know, so the no-op stays one query.
    static func readApplied(
        _ connection: any MigrationConnection, _ read: RenderedStatement, floors: RenderedStatement, known: Int
    ) throws -> [AppliedMigration]? {
        guard var applied = try readApplied(connection, read) else { return nil }
        guard applied.contains(where: { $0.version > known }) else { return applied }
        // A table without the floor columns (written only by binaries from before them) has no floors.
        guard let rows = try? connection.query(floors, bindings: floors.parameters.map { _ in .integer(Int64(known)) })
        else { return applied }
        var recorded: [Int: CompatibilityFloors] = [:]
        for row in rows {
            guard let version = row[0].integerValue, let read = row[1].integerValue, let write = row[2].integerValue
            else { continue }
            recorded[Int(version)] = CompatibilityFloors(read: Int(read), write: Int(write))
        }
        for index in applied.indices where applied[index].version > known {
            applied[index].floors = recorded[applied[index].version]
        }
        return applied
    }
}
