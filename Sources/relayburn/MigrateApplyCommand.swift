import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn migrate [--dry-run] [--to N] [--json]`.
struct MigrateApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply pending migrations (the default action of 'relayburn migrate')."
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the SQL the pending migrations would run, and change nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Stop after this version.", valueName: "version"))
    var to: Int?

    @Option(help: ArgumentHelp("Seconds to wait for another migrator's lock.", valueName: "seconds"))
    var lockTimeout: Double = 60

    @Flag(help: "Print the result as JSON: {\"applied\": [{\"version\", \"name\", \"executionMs\"}], \"currentVersion\"}.")
    var json = false

    func validate() throws {
        if let to, to < 0 { throw ValidationError("--to must be a version number, 0 or more") }
        if !(lockTimeout > 0) { throw ValidationError("--lock-timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        try await context.withDriver { driver in
            try await migrate(driver, context: context)
        }
    }

    private func migrate(_ driver: some MigrationDriver, context: CommandContext) async throws {
        var runner = MigrationRunner(driver: driver, appliedBy: context.identity)
        runner.lockTimeoutMs = Int64(lockTimeout * 1000)
        if dryRun {
            let pending = try await runner.pending(to: to)
            if pending.isEmpty { Console.out("-- nothing to apply: \(context.location.redactedDescription) is up to date") }
            for (migration, sql) in pending {
                Console.out("-- migration \(migration.label) (checksum \(migration.checksum))")
                Console.out(sql.sql)
            }
            return
        }
        let report = try await runner.migrate(to: to)
        if json {
            let applied = report.applied.map { row in
                JSONText.object([
                    ("version", String(row.version)), ("name", JSONText.string(row.name)),
                    ("executionMs", String(row.executionMs)),
                ])
            }
            Console.out(
                JSONText.object([("applied", JSONText.array(applied)), ("currentVersion", String(report.currentVersion))]))
            return
        }
        for row in report.applied {
            Console.out("applied \(Migration.label(version: row.version, name: row.name)) in \(row.executionMs) ms")
        }
        let where_ = context.location.redactedDescription
        if report.applied.isEmpty {
            Console.out("\(where_) is up to date at version \(report.currentVersion)")
        } else {
            Console.out("\(where_) is now at version \(report.currentVersion)")
        }
    }
}
