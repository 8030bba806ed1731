import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn schema diff`: exit 0 when the live schema is what the migrations say; 2 with a list when something
/// is missing or different, 3 when the only differences are objects the migrations do not create.
struct SchemaDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the live store's schema with what the migrations describe; exit 2 on drift.",
        discussion: """
            The expected schema is built by applying every migration to a scratch database of the same dialect \
            (an in-memory SQLite database, or a PostgreSQL schema inside a transaction that is rolled back), so \
            nothing is written to the store. Pending migrations show up as missing objects.

            Exit status: 0 no drift; 2 drift (something missing or different); 3 only unexpected objects (ones no \
            migration creates, which only dropping them would fix); 1 when the comparison itself failed.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let differences = try await context.withDriver { driver in
            let expected = try await SchemaCatalog.embedded.expectedSchema(using: driver)
            let actual = try await SchemaCatalog.embedded.liveSchema(using: driver)
            return SchemaDiff.differences(expected: expected, actual: actual)
        }
        let store = context.location.redactedDescription
        guard !differences.isEmpty else {
            Console.out("no drift: \(store) matches migrations 1 to \(SchemaCatalog.embedded.latestVersion)")
            return
        }
        Console.out("drift: \(store) differs from the migrations in \(differences.count) place(s):")
        for line in differences { Console.out("  \(line)") }
        if differences.allSatisfy({ $0.hasPrefix("unexpected ") }) {
            throw CommandFailure(
                message: "schema drift found: only objects no migration creates; drop them if nothing needs them",
                status: 3)
        }
        throw CommandFailure(message: "schema drift found; see the list above", status: 2)
    }
}
