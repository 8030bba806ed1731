import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn schema dump --dialect sqlite|postgres [--to N] [--live]`.
struct SchemaDumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the full rendered schema for a dialect, or the live store's schema with --live.",
        discussion: """
            Without --live the output is plain SQL (schema/sqlite.sql and schema/postgres.sql hold it) and no \
            database is opened: each migration followed by its schema_versions row, so a store built from it with \
            sqlite3 or psql migrates as a no-op. --to N stops after migration N (the schema of a store at N). \
            With --live the configured store is introspected, without migrating it, and \
            printed one object per line: tables, columns, keys, indexes and triggers.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Option(name: [.customLong("dialect")], help: ArgumentHelp("sqlite or postgres.", valueName: "dialect"))
    var dialectName: String?

    @Flag(help: "Introspect the configured store instead of rendering the migrations.")
    var live = false

    @Option(help: ArgumentHelp("Stop after this migration (default: all).", valueName: "N"))
    var to: Int?

    private var dialect: SQLDialect? { dialectName.flatMap(SQLDialect.init(rawValue:)) }

    func validate() throws {
        if let dialectName, SQLDialect(rawValue: dialectName) == nil {
            throw ValidationError("--dialect \(dialectName) is not a dialect; use sqlite or postgres")
        }
        if !live && dialectName == nil { throw ValidationError("--dialect sqlite|postgres is required without --live") }
        if live && to != nil { throw ValidationError("--to renders the migrations; it does not apply with --live") }
        if let to, to < 1 || to > SchemaCatalog.embedded.latestVersion {
            throw ValidationError(
                "--to \(to) is not a migration; this relayburn knows versions 1 to \(SchemaCatalog.embedded.latestVersion)"
            )
        }
    }

    func run() async throws {
        if !live {
            guard let dialect else { return }
            do {
                print(try SchemaCatalog.embedded.dump(for: dialect, through: to), terminator: "")
            } catch {
                throw CommandFailure.failure(CommandContext.sentence(for: error))
            }
            return
        }
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let schema = try await context.withDriver { driver in
            if let dialect, dialect != driver.dialect {
                throw CommandFailure.usage(
                    "--dialect \(dialect.rawValue) does not match the store, which is \(driver.dialect.rawValue)")
            }
            return try await SchemaCatalog.embedded.liveSchema(using: driver)
        }
        print(schema.normalizedText, terminator: "")
    }
}
