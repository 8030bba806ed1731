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

    @Option(help: ArgumentHelp("Seconds to wait for another migrator's lock.", valueName: "seconds"))
    var lockTimeout: Double = 60

    @Flag(
        help: "Print the result as JSON: {\"applied\": [{\"version\", \"name\", \"executionMs\"}], \"currentVersion\"}."
    )
    var json = false

    func validate() throws {
        if let to, to < 0 { throw ValidationError("--to must be a version number, 0 or more") }
        if !(lockTimeout > 0) { throw ValidationError("--lock-timeout must be a positive number of seconds") }
    }

    func run() async throws {
        try await MigrateApply(
            store: store.store ?? root.store.store, dryRun: dryRun, to: to, lockTimeout: lockTimeout, json: json
        ).run()
    }
}
