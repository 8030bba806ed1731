/// Brings a database up to date with the catalog's migrations (DESIGN §5).
///
/// The fast path reads `schema_versions` once and returns when every wanted version is applied with a matching
/// checksum. Otherwise each pending migration is applied in its own transaction that also holds the migration
/// lock, re-reads `schema_versions` under it and records its row, so concurrent runners apply each version
/// exactly once and a failure leaves nothing half-applied. Two kinds run past one transaction and record their
/// progress in the row instead (``MigrationKind``): no-transaction migrations on PostgreSQL
/// (MigrationRunner+NoTransaction) and backfills (MigrationRunner+Backfill); an unfinished row is picked up by the
/// next runner.
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

    /// The applying binary's version, recorded in `schema_versions.relayburn_version`.
    public var relayburnVersion: String?
    /// The pause between backfill batches: SQLite's writers poll for its single write lock (every few to 100 ms),
    /// so without one a runner taking the next batch at once could keep a writer out for many batches. PostgreSQL
    /// writers wait on row locks and are let in at each commit; no pause (`nil`: the dialect's default).
    public var backfillPauseMs: Int64?
    /// Called after each committed backfill batch (for progress on long migrations).
    public var onBackfillBatch: (@Sendable (BackfillProgress) -> Void)?

    /// Applies pending migrations up to `target` (default: all).
    ///
    /// - Throws: `MigrationError` (`modified`, `unknownVersion`, `gap`, `lockTimeout`, `migrationFailed`,
    ///   `unknownTarget`), `DatabaseError` when the database cannot be read, `TemplateError` for a defective
    ///   template.
    public func migrate(to target: Int? = nil) async throws -> MigrationReport {
        let targetVersion = try resolve(target: target)
        // Only the one statement the fast path runs is rendered here: rendering is most of a no-op's own work.
        let dialect = driver.dialect
        let read = try catalog.statement("runner/read_schema_versions", for: dialect)
        let history = try await driver.withConnection { [catalog] connection in
            try Self.readHistory(connection, read, catalog: catalog, dialect: dialect)
        }
        if let history {
            let evidence = try await evidenceIfEdited(history.rows)
            let (current, access, upToDate) = try judge(
                history, evidence: evidence, target: target, upTo: targetVersion)
            if upToDate {
                return MigrationReport(applied: [], tookFastPath: true, currentVersion: current, access: access)
            }
            if let requiredVersion, current >= requiredVersion {
                // Our code has what it needs: try once, and leave the rest to whoever holds the lock.
                var once = self
                once.lockTimeoutMs = 0
                do {
                    return try await once.applyPending(upTo: targetVersion)
                } catch let error as MigrationError where error.code == .lockTimeout || error.code == .fleetContraction
                {
                    // Another host is migrating, or the migration waits for an operator's --contract.
                    return MigrationReport(applied: [], tookFastPath: false, currentVersion: current, access: access)
                }
            }
        }
        return try await applyPending(upTo: targetVersion)
    }

    /// The no-op of ``migrate(to:)`` decided on a connection the caller already holds, without leaving its thread:
    /// the fast path's report when every wanted version is applied with its file's checksum, else `nil` (pending
    /// migrations, an edited file whose evidence must be read, an accepted edit to audit, an old
    /// `schema_versions`, or no table yet), and ``migrate(to:)`` decides. Same errors as ``migrate(to:)``'s
    /// fast path.
    ///
    /// For a command's start-up: ``migrate(to:)`` hops to the connection's thread and back, and in a process that
    /// runs nothing else those hops and the concurrency runtime they start cost more than the read itself.
    public func noOpReport(to target: Int? = nil, on connection: any MigrationConnection) throws -> MigrationReport? {
        let targetVersion = try resolve(target: target)
        let read = try catalog.statement("runner/read_schema_versions", for: driver.dialect)
        guard let history = try Self.readHistory(connection, read, catalog: catalog, dialect: driver.dialect),
            !hasEditedRows(history.rows)
        else { return nil }
        let (current, access, upToDate) = try judge(history, evidence: .none, target: target, upTo: targetVersion)
        return upToDate
            ? MigrationReport(applied: [], tookFastPath: true, currentVersion: current, access: access) : nil
    }

    /// Validates `history`, and says whether it is already at `targetVersion` with nothing left to write.
    private func judge(
        _ history: History, evidence: ChecksumEvidence, target: Int?, upTo targetVersion: Int
    ) throws -> (current: Int, access: StoreAccess, upToDate: Bool) {
        let access = try validate(history.rows, evidence: evidence)
        let current = completedVersion(history.rows)
        if let target, target < current { throw MigrationError.targetBelowCurrent(target, current: current) }
        // An accepted edit not audited yet is written under the lock, once per store.
        let unaudited = try unauditedAcceptances(history.rows, evidence)
        return (current, access, current >= targetVersion && !history.needsTableUpgrade && unaudited.isEmpty)
    }

    /// Lists every version known to the binary or recorded in the database. Edited migrations are judged
    /// (comments only, accepted, modified), and unchanged ones checked for drift: SQL this binary's dialect files
    /// render differently from what the store recorded applying.
    public func status() async throws -> [MigrationStatus] {
        let applied = try await recordedRows()
        let statements = try ChecksumStatements(catalog: catalog, dialect: driver.dialect)
        let evidence = try await driver.withConnection { connection in
            try Self.readEvidence(connection, statements, tolerant: true)
        }
        let recorded = Dictionary(applied.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [MigrationStatus] = try catalog.migrations.map { migration in
            guard let row = recorded[migration.version] else {
                return MigrationStatus(
                    version: migration.version, name: migration.name, state: .pending, appliedAt: nil,
                    checksum: migration.checksum, fileChecksum: migration.checksum, kind: migration.kind)
            }
            var state: MigrationStatus.State =
                row.state == .running ? .running : row.state == .backfilling ? .backfilling : .applied
            var detail: String?
            switch try verdict(row, evidence, checkDrift: true) {
            case .same:
                break
            case .drift:
                state = .drift
                detail = "this relayburn's dialect files render it to other SQL than the store applied"
            case .commentsOnly:
                if state == .applied { state = .edited }
                detail = "edited in comments or whitespace only since it was applied"
            case .accepted(let entry):
                if state == .applied { state = .accepted }
                detail = "edited since it was applied; accepted by \(entry.location): \(entry.reason)"
            case .modified:
                state = .modified
            }
            var entry = MigrationStatus(
                version: migration.version, name: migration.name, state: state, appliedAt: row.appliedAt,
                checksum: row.checksum, fileChecksum: migration.checksum, kind: row.kind ?? migration.kind,
                relayburnVersion: row.relayburnVersion, backfillAfter: row.backfillAfter)
            entry.detail = detail
            return entry
        }
        for row in applied where row.version > catalog.latestVersion {
            entries.append(
                MigrationStatus(
                    version: row.version, name: row.name, state: .unknown, appliedAt: row.appliedAt,
                    checksum: row.checksum, fileChecksum: nil, kind: row.kind, relayburnVersion: row.relayburnVersion,
                    backfillAfter: row.backfillAfter))
        }
        return entries
    }

    /// The migrations `migrate(to:)` would apply, rendered for the driver's dialect (for `--dry-run`).
    public func pending(to target: Int? = nil) async throws -> [(migration: Migration, sql: RenderedStatement)] {
        let targetVersion = try resolve(target: target)
        let applied = try await recordedRows()
        _ = try validate(applied, evidence: try await evidenceIfEdited(applied))
        let current = completedVersion(applied)
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

    /// PostgreSQL's `lock_not_available` (55P03): a statement waited `lock_timeout` for a table lock.
    static func isTableLockTimeout(_ error: MigrationError) -> Bool {
        error.code == .migrationFailed && error.underlying?.code == "55P03"
    }

    /// The final error after the retry budget: names the sessions holding locks in the schema.
    func tableLockFailure(_ error: MigrationError, attempts: Int) async throws -> MigrationError {
        let blockersQuery = try catalog.statement("runner/ddl_lock_blockers", for: driver.dialect)
        let rows =
            (try? await driver.withConnection { connection in try connection.query(blockersQuery, bindings: []) })
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
    /// A file whose checksum differs from the recorded one is `modified` unless `evidence` shows the edit touched
    /// only comments and whitespace, or `templates/migrations.accept` accepts it.
    ///
    /// - Throws: `MigrationError` `unknownVersion` below the read floor, `gap`, `modified`, `malformedVersionTable`.
    func validate(_ applied: [AppliedMigration], evidence: ChecksumEvidence) throws -> StoreAccess {
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
        for row in applied where row.version <= known && catalog.migrations[row.version - 1].checksum != row.checksum {
            if try verdict(row, evidence) == .modified {
                throw MigrationError.modified(catalog.migrations[row.version - 1], recorded: row.checksum)
            }
        }
        if let unfinished = applied.dropLast().first(where: { $0.state != .applied }) {
            throw MigrationError.malformedVersionTable(
                detail: "version \(unfinished.version) is still \(unfinished.state.rawValue) but later versions are "
                    + "recorded after it")
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

    /// The rows of `schema_versions` (none before it exists), read outside any lock.
    private func recordedRows() async throws -> [AppliedMigration] {
        let dialect = driver.dialect
        let read = try catalog.statement("runner/read_schema_versions", for: dialect)
        return try await driver.withConnection { [catalog] connection in
            try Self.readHistory(connection, read, catalog: catalog, dialect: dialect)
        }?.rows ?? []
    }

    /// The highest version up to which every recorded migration is finished; an unfinished row of a migration this
    /// binary does not know counts as recorded (it is not ours to finish).
    func completedVersion(_ applied: [AppliedMigration]) -> Int {
        guard let last = applied.last else { return 0 }
        return last.state == .applied || last.version > catalog.latestVersion ? last.version : last.version - 1
    }

    /// What `schema_versions` says, and whether its table still lacks the floor and progress columns.
    struct History: Sendable {
        var rows: [AppliedMigration]
        var needsTableUpgrade: Bool
    }

    /// Reads `schema_versions` in version order with one query; `nil` when the table does not exist yet. A table
    /// from before the floor and progress columns is read with the columns it has (plus the floors of rows above
    /// `known`, when it has those), and reported as needing its columns.
    static func readHistory(
        _ connection: any MigrationConnection, _ read: RenderedStatement, catalog: SchemaCatalog, dialect: SQLDialect
    ) throws -> History? {
        let known = catalog.latestVersion
        do {
            return History(
                rows: try connection.query(read, bindings: []).map(AppliedMigration.init(row:)),
                needsTableUpgrade: false)
        } catch  where connection.isUndefinedTable(error) {
            return nil
        } catch let error as MigrationError {
            throw error
        } catch {
            // Most likely a table from before the newer columns; if even the columns every version has cannot be
            // read, that error is the one to report.
            let legacy: [[SQLValue]]
            do {
                legacy = try connection.query(
                    try catalog.statement("runner/read_schema_versions_legacy", for: dialect), bindings: [])
            } catch  where connection.isUndefinedTable(error) {
                return nil
            }
            var rows = try legacy.map(AppliedMigration.init(row:))
            if rows.contains(where: { $0.version > known }),
                let readFloors = try? catalog.statement("runner/read_schema_floors", for: dialect),
                let floors = try? connection.query(
                    readFloors, bindings: readFloors.parameters.map { _ in .integer(Int64(known)) })
            {
                var recorded: [Int: CompatibilityFloors] = [:]
                for row in floors {
                    guard let version = row[0].integerValue, let read = row[1].integerValue,
                        let write = row[2].integerValue
                    else { continue }
                    recorded[Int(version)] = CompatibilityFloors(read: Int(read), write: Int(write))
                }
                for index in rows.indices where rows[index].version > known {
                    rows[index].floors = recorded[rows[index].version]
                }
            }
            return History(rows: rows, needsTableUpgrade: true)
        }
    }
}
