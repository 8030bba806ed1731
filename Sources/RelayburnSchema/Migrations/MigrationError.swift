/// Why the runner refused to touch a database, or why a migration failed.
///
/// `description` is the one sentence the CLI prints: what is wrong, and what to do about it.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of failure; new codes can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String {
            case invalidFileName, invalidMigrationSet, modified, unknownVersion, gap, lockTimeout
            case malformedVersionTable, migrationFailed, unknownTarget, invalidDeclaration, tableLockTimeout,
                fleetContraction
            case targetBelowCurrent, historyExists
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A file in `migrations/` that is not named `NNNN_snake_name.sql`.
        public static let invalidFileName = Code(.invalidFileName)
        /// The compiled-in migrations have a duplicate or missing version.
        public static let invalidMigrationSet = Code(.invalidMigrationSet)
        /// An applied migration's file changed after it was applied.
        public static let modified = Code(.modified)
        /// The database records a version this binary does not know (it is newer).
        public static let unknownVersion = Code(.unknownVersion)
        /// The applied versions skip one.
        public static let gap = Code(.gap)
        /// The migration lock was not obtained within the timeout.
        public static let lockTimeout = Code(.lockTimeout)
        /// `schema_versions` exists but cannot be read as expected.
        public static let malformedVersionTable = Code(.malformedVersionTable)
        /// A migration's SQL failed; nothing of it was kept.
        public static let migrationFailed = Code(.migrationFailed)
        /// `--to N` names a version that does not exist.
        public static let unknownTarget = Code(.unknownTarget)
        /// `--to N` names a version below the one the store is at (migrations are never rolled back).
        public static let targetBelowCurrent = Code(.targetBelowCurrent)
        /// `migrate baseline` was asked for on a store that already records migrations.
        public static let historyExists = Code(.historyExists)
        /// A migration's `-- relayburn:` declaration is malformed.
        public static let invalidDeclaration = Code(.invalidDeclaration)
        /// Applying a migration would cut off hosts the fleet census saw recently.
        public static let fleetContraction = Code(.fleetContraction)
        /// A migration kept failing to take its table locks within `lock_timeout` (PostgreSQL).
        public static let tableLockTimeout = Code(.tableLockTimeout)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The migration concerned, when there is one.
    public let version: Int?
    /// The migration's file, when there is one.
    public let file: String?
    /// The checksum in `schema_versions`, for `modified`.
    public let recordedChecksum: String?
    /// The checksum of the compiled-in file, for `modified`.
    public let currentChecksum: String?
    /// The underlying database error, for `migrationFailed` and `lockTimeout`.
    public let underlying: DatabaseError?
    public let description: String

    init(
        code: Code, description: String, version: Int? = nil, file: String? = nil,
        recordedChecksum: String? = nil, currentChecksum: String? = nil, underlying: DatabaseError? = nil
    ) {
        self.code = code
        self.description = description
        self.version = version
        self.file = file
        self.recordedChecksum = recordedChecksum
        self.currentChecksum = currentChecksum
        self.underlying = underlying
    }

    static func invalidFileName(path: String) -> MigrationError {
        MigrationError(
            code: .invalidFileName,
            description: "\(path) is not a migration file name; name migrations NNNN_snake_name.sql (four digits, "
                + "then lowercase letters, digits and underscores) and keep nothing else in migrations/",
            file: path)
    }

    static func invalidMigrationSet(_ problem: String) -> MigrationError {
        MigrationError(
            code: .invalidMigrationSet,
            description:
                "the migrations in this relayburn build are inconsistent: \(problem); rebuild from a clean checkout")
    }

    static func modified(_ migration: Migration, recorded: String) -> MigrationError {
        MigrationError(
            code: .modified,
            description:
                "migration \(migration.label) was applied with checksum \(recorded) but \(migration.source.path) "
                + "now has checksum \(migration.checksum) and its SQL changed; restore the file as it was released "
                + "and put the change in a new migration, or, if the edit is intended and safe on every store, accept "
                + "it in templates/migrations.accept with \(migration.version) \(recorded) reason=\"…\"",
            version: migration.version, file: migration.source.path, recordedChecksum: recorded,
            currentChecksum: migration.checksum)
    }

    static func unknownVersion(_ applied: AppliedMigration, latestKnown: Int) -> MigrationError {
        MigrationError(
            code: .unknownVersion,
            description: "the database records migration \(Migration.paddedVersion(applied.version))_\(applied.name), "
                + "newer than this relayburn knows (it stops at version \(latestKnown)); the database was migrated by "
                + "a newer relayburn, so upgrade relayburn",
            version: applied.version, recordedChecksum: applied.checksum)
    }

    static func invalidDeclaration(path: String, line: Int, detail: String) -> MigrationError {
        MigrationError(
            code: .invalidDeclaration,
            description: "\(path):\(line): \(detail)", file: path)
    }

    static func tableLockTimeout(
        _ migration: Migration, lockTimeoutMs: Int64, attempts: Int, blockers: [String], underlying: DatabaseError?
    ) -> MigrationError {
        let who =
            blockers.isEmpty
            ? "the database did not say who held them"
            : "blocked by " + blockers.joined(separator: "; ")
        return MigrationError(
            code: .tableLockTimeout,
            description: "migration \(migration.label) could not take its table locks within \(lockTimeoutMs) ms in "
                + "\(attempts) attempts and was rolled back each time; \(who); let that transaction finish (or end "
                + "it) and run relayburn migrate again",
            version: migration.version, file: migration.source.path, underlying: underlying)
    }

    static func fleetContraction(_ migration: Migration, readOnly: Bool, hosts: [CensusEntry]) -> MigrationError {
        let listed = hosts.prefix(5).map(\.summary).joined(separator: "; ")
        let more = hosts.count > 5 ? " and \(hosts.count - 5) more" : ""
        return MigrationError(
            code: .fleetContraction,
            description: "migration \(migration.label) (compat=\(migration.compat.rawValue)) would leave hosts seen "
                + "recently unable to \(readOnly ? "write" : "use") the store: \(listed)\(more); upgrade them "
                + "first, or run relayburn migrate --contract to apply it anyway",
            version: migration.version, file: migration.source.path)
    }

    static func gap(missing: [Int], applied: [Int]) -> MigrationError {
        let missingList = missing.map(Migration.paddedVersion).joined(separator: ", ")
        let appliedList = applied.map(Migration.paddedVersion).joined(separator: ", ")
        return MigrationError(
            code: .gap,
            description: "schema_versions records versions \(appliedList) but not \(missingList); the database was "
                + "changed outside relayburn, so restore it from a backup or repair schema_versions by hand",
            version: missing.first)
    }

    /// The migration lock was not obtained; drivers build this with what the database can tell of the holder.
    public static func lockTimeout(waitedMs: Int64, holder: String?, underlying: DatabaseError? = nil) -> MigrationError
    {
        let who = holder.map { "it is held by \($0)" } ?? "the database cannot tell who holds it"
        return MigrationError(
            code: .lockTimeout,
            description: "timed out after \(waitedMs) ms waiting for the migration lock; \(who); wait for that "
                + "migration to finish or stop it, then run relayburn migrate again",
            underlying: underlying)
    }

    static func malformedVersionTable(detail: String) -> MigrationError {
        MigrationError(
            code: .malformedVersionTable,
            description: "schema_versions cannot be read: \(detail); check that the table was created by relayburn")
    }

    static func migrationFailed(_ migration: Migration, error: DatabaseError) -> MigrationError {
        MigrationError(
            code: .migrationFailed,
            description: "migration \(migration.label) failed and was rolled back: \(error.description); nothing "
                + "of it was kept, fix the cause and run relayburn migrate again",
            version: migration.version, file: migration.source.path, underlying: error)
    }

    static func targetBelowCurrent(_ version: Int, current: Int) -> MigrationError {
        MigrationError(
            code: .targetBelowCurrent,
            description: "the store is at version \(current), past --to \(version); relayburn does not roll migrations "
                + "back: write a new migration that undoes the change",
            version: version)
    }

    static func historyExists(recordedVersion: Int) -> MigrationError {
        MigrationError(
            code: .historyExists,
            description: "the store already records migrations up to version \(recordedVersion); a baseline is only "
                + "for a store without history: run 'relayburn migrate' to bring it up to date",
            version: recordedVersion)
    }

    static func unknownTarget(_ version: Int, latest: Int) -> MigrationError {
        MigrationError(
            code: .unknownTarget,
            description: "there is no migration \(version); this relayburn knows versions 1 to \(latest)",
            version: version)
    }
}
