import ArgumentParser

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

    /// `--migration-lock-wait`; `--lock-timeout` is its older spelling, kept so scripts keep working.
    @Option(
        name: [.customLong("migration-lock-wait"), .customLong("lock-timeout")],
        help: ArgumentHelp(
            "Seconds to wait for another migrator's migration lock (formerly --lock-timeout).", valueName: "seconds"))
    var lockTimeout: Double = 60

    @Option(
        help: ArgumentHelp(
            "PostgreSQL: milliseconds one migration statement may queue for a table lock (lock_timeout) before the "
                + "migration is rolled back and retried (default 2000).",
            valueName: "ms"))
    var tableLockTimeout: Int64?

    @Flag(
        help: """
            Apply migrations even when they would leave hosts the fleet census saw in the last 24 h unable to write \
            or read the store (see migrate status).
            """)
    var contract = false

    @Flag(
        help: "Print the result as JSON: {\"applied\": [{\"version\", \"name\", \"executionMs\"}], \"currentVersion\"}."
    )
    var json = false

    func validate() throws {
        if let to, to < 0 { throw ValidationError("--to must be a version number, 0 or more") }
        if !(lockTimeout > 0) {
            throw ValidationError("--migration-lock-wait must be a positive number of seconds")
        }
        if let tableLockTimeout, tableLockTimeout < 1 {
            throw ValidationError("--table-lock-timeout must be a positive number of milliseconds")
        }
    }

    func run() async throws {
        try await MigrateApply(
            store: store.store ?? root.store.store, dryRun: dryRun, to: to, lockTimeout: lockTimeout,
            tableLockTimeoutMs: tableLockTimeout, contract: contract, json: json
        ).run()
    }
}
