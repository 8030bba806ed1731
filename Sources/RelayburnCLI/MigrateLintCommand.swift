import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn migrate lint [--dialect sqlite|postgres|both] [--from N] [--trace] [--json]`.
struct MigrateLintCommand: AsyncParsableCommand {
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

            --trace (PostgreSQL: the configured store must be one; it writes only a scratch schema of its own, \
            relayburn_trace_PID_N, dropped afterwards) replays the migrations into that schema and, before \
            applying each, runs its statements one by one in a transaction that is rolled back, reporting per \
            statement the locks it took on existing tables (pg_locks) and the tables and indexes it rewrote (a \
            changed relfilenode). No-transaction migrations are not traced.

            Silence one finding with a comment line right above the statement: \
            -- relayburn: allow RULE reason="why it is safe here". \
            Exit status: 0 no findings, 1 findings (or an error), 2 usage.
            JSON shape: {"findings": [{"rule", "severity", "dialect", "version", "file", "line", "column", \
            "message", "fix"}], "allowed": [same], "migrationsChecked": N, "dialects": [...]}, with --trace also \
            "traces": [{"version", "file", "note", "statements": [{"line", "column", "statement", "locks": \
            [{"relation", "mode"}], "rewrote": [names]}]}].
            """
    )

    @Option(help: ArgumentHelp("sqlite, postgres or both (default both).", valueName: "dialect"))
    var dialect: String = "both"

    @Option(help: ArgumentHelp("Lint migrations from this version on (default 1).", valueName: "version"))
    var from: Int = 1

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @Flag(
        help: "Run the migrations in a scratch schema of the PostgreSQL store; report each statement's locks, rewrites."
    )
    var trace = false

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    private var dialects: [SQLDialect] {
        dialect == "both" ? SQLDialect.allCases : SQLDialect(rawValue: dialect).map { [$0] } ?? []
    }

    func validate() throws {
        if dialects.isEmpty { throw ValidationError("--dialect \(dialect) is not sqlite, postgres or both") }
        if from < 1 { throw ValidationError("--from must be a migration version, 1 or more") }
    }

    func run() async throws {
        let report = try MigrationLinter.lint(SchemaCatalog.embedded, dialects: dialects, from: from)
        var traces: [MigrationTracer.MigrationTrace] = []
        if trace {
            let context = try CommandContext(commandStore: store, rootStore: root.store)
            let from = from
            traces = try await context.withDriver { driver in
                guard driver.dialect == .postgres else {
                    throw CommandFailure.usage(
                        "--trace runs the migrations on PostgreSQL; point --store (or RELAYBURN_STORAGE) at a "
                            + "PostgreSQL database (it writes only a scratch schema of its own, dropped afterwards)")
                }
                return try await MigrationTracer.trace(SchemaCatalog.embedded, using: driver, from: from)
            }
        }
        if json {
            var fields = [
                ("findings", JSONText.array(report.findings.map(Self.json))),
                ("allowed", JSONText.array(report.allowed.map(Self.json))),
                ("migrationsChecked", String(report.migrationsChecked)),
                ("dialects", JSONText.array(report.dialects.map { JSONText.string($0.rawValue) })),
            ]
            if trace { fields.append(("traces", JSONText.array(traces.map(Self.json)))) }
            Console.out(JSONText.object(fields))
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
            Self.printTraces(traces)
        }
        if !report.findings.isEmpty {
            throw CommandFailure(
                message: "migrate lint found \(report.findings.count) problem(s); fix them or allow each with a reason",
                status: 1)
        }
    }

    private static func printTraces(_ traces: [MigrationTracer.MigrationTrace]) {
        for trace in traces {
            Console.out("trace \(trace.file) [postgres]\(trace.note.map { ": \($0)" } ?? ""):")
            for statement in trace.statements {
                let locks = statement.locks.map { "\($0.mode) on \($0.relation)" }
                Console.out("  \(statement.location.line):\(statement.location.column) \(statement.summary)")
                Console.out(
                    "    locks: \(locks.isEmpty ? "no new lock on an existing table" : locks.joined(separator: ", "))")
                if !statement.rewrote.isEmpty {
                    Console.out("    rewrote: \(statement.rewrote.joined(separator: ", "))")
                }
            }
        }
    }

    static func json(_ trace: MigrationTracer.MigrationTrace) -> String {
        JSONText.object([
            ("version", String(trace.version)), ("file", JSONText.string(trace.file)),
            ("note", JSONText.optionalString(trace.note)),
            (
                "statements",
                JSONText.array(
                    trace.statements.map { statement in
                        JSONText.object([
                            ("line", String(statement.location.line)), ("column", String(statement.location.column)),
                            ("statement", JSONText.string(statement.summary)),
                            (
                                "locks",
                                JSONText.array(
                                    statement.locks.map { lock in
                                        JSONText.object([
                                            ("relation", JSONText.string(lock.relation)),
                                            ("mode", JSONText.string(lock.mode)),
                                        ])
                                    })
                            ),
                            ("rewrote", JSONText.array(statement.rewrote.map(JSONText.string))),
                        ])
                    })
            ),
        ])
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
