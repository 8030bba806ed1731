/// One thing `relayburn migrate lint` found in one dialect's rendering of a migration.
public struct LintFinding: Sendable, Equatable {
    public enum Severity: String, Sendable {
        /// Fails at run time, or breaks the schema's promises (older writers, data): fix before release.
        case error
        /// Works, but blocks readers or writers of a large table while it runs.
        case warning
    }

    /// The rule's id, e.g. `pg-index-not-concurrent`; what `-- relayburn: allow ID reason="…"` names.
    public let rule: String
    public let severity: Severity
    public let dialect: SQLDialect
    public let version: Int
    /// Where the offending statement starts, in the migration file (through the render's source map).
    public let location: SourceLocation
    /// What is wrong, in one sentence.
    public let message: String
    /// What to do instead, in one line.
    public let fix: String

    public init(
        rule: LintRule, dialect: SQLDialect, version: Int, location: SourceLocation, message: String
    ) {
        self.rule = rule.id
        self.severity = rule.severity
        self.dialect = dialect
        self.version = version
        self.location = location
        self.message = message
        self.fix = rule.fix
    }
}

/// The lint rules, each with its id, severity and one-line fix.
public struct LintRule: Sendable, Equatable {
    public let id: String
    public let severity: LintFinding.Severity
    public let fix: String

    static let indexNotConcurrent = LintRule(
        id: "pg-index-not-concurrent", severity: .warning,
        fix: "build it in a no-transaction migration with CREATE INDEX CONCURRENTLY IF NOT EXISTS")
    static let workAfterExclusiveLock = LintRule(
        id: "pg-work-after-exclusive-lock", severity: .warning,
        fix: "move the statement to a migration of its own, so the ACCESS EXCLUSIVE lock is held only for the ALTER")
    static let fullTableWrite = LintRule(
        id: "full-table-write", severity: .warning,
        fix: "move it to a backfill section (-- relayburn: backfill), which writes in short batches after the DDL")
    static let notNullWithoutDefault = LintRule(
        id: "not-null-without-default", severity: .error,
        fix: "give the column a constant DEFAULT, or add it nullable and backfill it")
    static let constraintNotValid = LintRule(
        id: "pg-constraint-not-valid", severity: .error,
        fix: "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration (for SET NOT NULL: a "
            + "validated CHECK (col IS NOT NULL) first)")
    static let columnTypeChange = LintRule(
        id: "pg-column-type-change", severity: .error,
        fix: "add a new column of the new type, backfill it, and move readers over; drop the old one later")
    static let dropOrRename = LintRule(
        id: "drop-or-rename", severity: .error,
        fix: "stop reading and writing it in one release, then drop it in a later compat=breaking migration")
    static let uniqueOnExistingTable = LintRule(
        id: "pg-unique-on-existing-table", severity: .error,
        fix: "CREATE UNIQUE INDEX CONCURRENTLY in a no-transaction migration, then ADD CONSTRAINT … USING INDEX")
    static let concurrentlyInTransaction = LintRule(
        id: "pg-concurrently-in-transaction", severity: .error,
        fix: "declare the migration -- relayburn: no-transaction (CONCURRENTLY cannot run in a transaction)")
    static let parameterInMigration = LintRule(
        id: "parameter-in-migration", severity: .error,
        fix: "write the value literally: migrations are executed without bound parameters")
    static let sqliteUnsupportedAlter = LintRule(
        id: "sqlite-unsupported-alter", severity: .error,
        fix: "SQLite alters only RENAME, ADD COLUMN and DROP COLUMN: rebuild the table (create, copy, drop, rename)")
    static let sqliteNonConstantDefault = LintRule(
        id: "sqlite-non-constant-default", severity: .error,
        fix: "SQLite's ADD COLUMN takes only a constant DEFAULT: add it with a constant, then backfill")
    static let compatibility = LintRule(
        id: "compat-declaration", severity: .error,
        fix: "make the change what the migration declares, or declare it compat=read-only or compat=breaking")
    static let malformedAllow = LintRule(
        id: "malformed-allow", severity: .error,
        fix: "write -- relayburn: allow RULE reason=\"why this is safe\" on the line before the statement")

    /// Every rule, for `--help` and the docs.
    public static let all: [LintRule] = [
        indexNotConcurrent, workAfterExclusiveLock, fullTableWrite, notNullWithoutDefault, constraintNotValid,
        columnTypeChange, dropOrRename, uniqueOnExistingTable, concurrentlyInTransaction,
        parameterInMigration, sqliteUnsupportedAlter, sqliteNonConstantDefault, compatibility, malformedAllow,
    ]
}
