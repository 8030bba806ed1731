import ArgumentParser
import RelayburnSchema

/// `relayburn migrate lint [--dialect sqlite|postgres|both] [--from N] [--json]`.
struct MigrateLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract:
            "Check this binary's migrations, as each dialect renders them, against rules for safe schema changes.",
        discussion: """
            Static rules over the rendered SQL, each finding with its rule id, severity, the migration's \
            file:line:col and a one-line fix. PostgreSQL: index builds without CONCURRENTLY on existing tables, \
            statements after an ACCESS EXCLUSIVE lock in the same transaction, full-table UPDATE/DELETE in a DDL \
            migration, NOT NULL columns without a default, CHECK/FOREIGN KEY/SET NOT NULL without NOT VALID, \
            column type changes, DROP and RENAME, UNIQUE on an existing table, CONCURRENTLY in a transactional \
            migration, and :name parameters (executed \
            unbound; a no-transaction migration that could not be rerun is refused when the catalog is built). SQLite: ALTER forms it does not support, NOT NULL ADD COLUMN without a default, \
            non-constant defaults. Plus the checks of each migration's compat= declaration. No database is \
            opened; the runner already bounds lock waits, so nothing asks for SET lock_timeout.

            Silence one finding with a comment line right above the statement: \
            -- relayburn: allow RULE reason="why it is safe here". \
            Exit status: 0 no findings, 1 findings (or an error), 2 usage.
            JSON shape: {"findings": [{"rule", "severity", "dialect", "version", "file", "line", "column", \
            "message", "fix"}], "allowed": [same], "migrationsChecked": N, "dialects": [...]}.
            """
    )

    @Option(help: ArgumentHelp("sqlite, postgres or both (default both).", valueName: "dialect"))
    var dialect: String = "both"

    @Option(help: ArgumentHelp("Lint migrations from this version on (default 1).", valueName: "version"))
    var from: Int = 1

    @Flag(help: "Print the findings as JSON.")
    var json = false

    private var dialects: [SQLDialect] {
        dialect == "both" ? SQLDialect.allCases : SQLDialect(rawValue: dialect).map { [$0] } ?? []
    }

    func validate() throws {
        if dialects.isEmpty { throw ValidationError("--dialect \(dialect) is not sqlite, postgres or both") }
        if from < 1 { throw ValidationError("--from must be a migration version, 1 or more") }
    }

    func run() throws {
        let report = try MigrationLinter.lint(SchemaCatalog.embedded, dialects: dialects, from: from)
        if json {
            Console.out(
                JSONText.object([
                    ("findings", JSONText.array(report.findings.map(Self.json))),
                    ("allowed", JSONText.array(report.allowed.map(Self.json))),
                    ("migrationsChecked", String(report.migrationsChecked)),
                    ("dialects", JSONText.array(report.dialects.map { JSONText.string($0.rawValue) })),
                ]))
        } else {
            for finding in report.findings {
                Console.out(
                    "\(finding.location): \(finding.severity.rawValue) \(finding.rule) [\(finding.dialect.rawValue)]: "
                        + finding.message)
                Console.out("  fix: \(finding.fix)")
            }
            let errors = report.findings.filter { $0.severity == .error }.count
            Console.out(
                "\(report.findings.count) finding(s) (\(errors) error(s), \(report.findings.count - errors) "
                    + "warning(s)) in \(report.migrationsChecked) migration(s), "
                    + "\(report.allowed.count) allowed")
        }
        if !report.findings.isEmpty {
            throw CommandFailure(
                message: "migrate lint found \(report.findings.count) problem(s); fix them or allow each with a reason",
                status: 1)
        }
    }

    static func json(_ finding: LintFinding) -> String {
        JSONText.object([
            ("rule", JSONText.string(finding.rule)), ("severity", JSONText.string(finding.severity.rawValue)),
            ("dialect", JSONText.string(finding.dialect.rawValue)), ("version", String(finding.version)),
            ("file", JSONText.string(finding.location.file)), ("line", String(finding.location.line)),
            ("column", String(finding.location.column)), ("message", JSONText.string(finding.message)),
            ("fix", JSONText.string(finding.fix)),
        ])
    }
}
