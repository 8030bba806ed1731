import ArgumentParser

/// `relayburn migrate`: apply pending migrations (default) or list their status.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the store's schema up to date, or show which migrations are applied.",
        discussion: """
            Safe to run from many processes and hosts at once: each migration is applied by exactly one of them, \
            in its own transaction, together with its schema_versions row. Every command runs this first.
            """,
        subcommands: [
            MigrateApplyCommand.self, MigrateStatusCommand.self, MigrateLintCommand.self, MigrateBaselineCommand.self,
        ],
        defaultSubcommand: MigrateApplyCommand.self
    )
}
