import ArgumentParser

/// `relayburn schema dump|diff`.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the schema the migrations describe, or compare it with a live database.",
        subcommands: [SchemaDumpCommand.self, SchemaDiffCommand.self]
    )
}
