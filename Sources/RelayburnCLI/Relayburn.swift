import ArgumentParser

/// `relayburn [--store URL] <command>`.
struct Relayburn: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "relayburn",
        abstract: "Keep the token-usage ledger of AI coding agents in SQLite or PostgreSQL.",
        discussion: """
            The store comes from --store or the environment: RELAYBURN_STORAGE (sqlite, postgres, http, memory; \
            default sqlite), RELAYBURN_SQLITE_PATH (default $RELAYBURN_HOME/burn.sqlite, RELAYBURN_HOME default \
            ~/.relayburn), RELAYBURN_DATABASE_URL (any libpq connection string). Opening a store brings its schema \
            up to date first.
            """,
        version: version,
        subcommands: [
            MigrateCommand.self, SchemaCommand.self, IngestCommand.self, ImportCommand.self, QueryCommand.self,
            SummaryCommand.self, StampCommand.self, CopyCommand.self, LockCommand.self, ServerCommand.self,
            KeysCommand.self, VerifyCommand.self, PricesCommand.self, ReportCommand.self,
        ]
    )

    @OptionGroup var store: StoreOptions
}

/// `--store`, accepted before the command (`relayburn --store X migrate`) and after it.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: sqlite:PATH, postgres://..., postgresql://..., http(s)://... or memory:.",
            valueName: "url"))
    var store: String?
}
