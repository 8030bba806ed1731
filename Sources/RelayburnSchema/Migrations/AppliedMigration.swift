/// A row of `schema_versions`: what the database says was applied, when and by whom.
public struct AppliedMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let checksum: String
    /// UTC ISO-8601 with milliseconds.
    public var appliedAt: String
    public let executionMs: Int64
    /// `user@host pid N (relayburn VERSION)` of the process that applied it.
    public let appliedBy: String
    /// The compatibility floors the applier recorded with it; `nil` in rows written before floors existed, which
    /// count as their own version (only a binary that knows the migration may use the store).
    public var floors: CompatibilityFloors?
    /// Whether the migration is done, or which of its phases another runner left unfinished.
    public var state: AppliedState = .applied
    /// How it was applied; `nil` in rows from before kinds were recorded (all transactional).
    public var kind: MigrationKind?
    /// The applying binary's version; `nil` in rows from before it was recorded.
    public var relayburnVersion: String?
    /// For a backfill under way: the last key its committed batches filled.
    public var backfillAfter: String?
    /// The normalised checksum of the SQL it was applied with, for this store's dialect (``EffectiveSQL``); `nil`
    /// in rows from before the column, and when not read.
    public var sqlChecksum: String?

    public init(
        version: Int, name: String, checksum: String, appliedAt: String, executionMs: Int64, appliedBy: String,
        floors: CompatibilityFloors? = nil
    ) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.appliedAt = appliedAt
        self.executionMs = executionMs
        self.appliedBy = appliedBy
        self.floors = floors
    }

    /// The floors this row imposes: as recorded, or its own version for rows without them.
    var effectiveFloors: CompatibilityFloors { floors ?? CompatibilityFloors(read: version, write: version) }

    /// Decodes a row of `templates/runner/read_schema_versions.sql` (twelve columns) or of
    /// `read_schema_versions_legacy.sql` (the first six).
    init(row: [SQLValue]) throws {
        guard row.count >= 6, let version = row[0].integerValue, let name = row[1].textValue,
            let checksum = row[2].textValue
        else {
            throw MigrationError.malformedVersionTable(
                detail: "a row of schema_versions has missing or non-integer columns")
        }
        self.init(
            version: Int(version), name: name, checksum: checksum, appliedAt: row[3].textValue ?? "",
            executionMs: row[4].integerValue ?? 0, appliedBy: row[5].textValue ?? "")
        guard row.count >= 12 else { return }
        if let read = row[6].integerValue, let write = row[7].integerValue {
            floors = CompatibilityFloors(read: Int(read), write: Int(write))
        }
        if let recorded = row[8].textValue {
            guard let parsed = AppliedState(rawValue: recorded) else {
                throw MigrationError.malformedVersionTable(
                    detail: "version \(version) has state '\(recorded)', not one of running, backfilling")
            }
            state = parsed
        }
        kind = row[9].textValue.flatMap(MigrationKind.init(rawValue:))
        relayburnVersion = row[10].textValue
        backfillAfter = row[11].textValue
    }

    /// The row's values by the parameter names of `templates/runner/insert_schema_version.sql` (and of
    /// `dump_schema_version.sql`, which inlines them).
    var parameterValues: [String: SQLValue] {
        [
            "version": .integer(Int64(version)), "name": .text(name), "checksum": .text(checksum),
            "execution_ms": .integer(executionMs), "applied_by": .text(appliedBy),
            "read_floor": floors.map { .integer(Int64($0.read)) } ?? .null,
            "write_floor": floors.map { .integer(Int64($0.write)) } ?? .null,
            "state": state == .applied ? .null : .text(state.rawValue),
            "kind": kind.map { .text($0.rawValue) } ?? .null,
            "relayburn_version": relayburnVersion.map { .text($0) } ?? .null,
            "sql_checksum": sqlChecksum.map { .text($0) } ?? .null,
        ]
    }

    /// The bindings of `templates/runner/insert_schema_version.sql`, in its parameter order.
    func bindings(for statement: RenderedStatement) -> [SQLValue] {
        statement.bindings(parameterValues)
    }
}

/// Whether a recorded migration is done (DESIGN §5). Only finished rows count as applied, for the runner and for
/// the compatibility floors; an unfinished one is picked up by the next runner.
public enum AppliedState: String, Sendable, Equatable {
    /// Done (recorded as NULL).
    case applied
    /// A no-transaction migration whose statements have not all run.
    case running
    /// A backfill whose batches have not all committed.
    case backfilling
}
