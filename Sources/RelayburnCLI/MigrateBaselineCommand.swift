import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn migrate baseline --to N [--json]`: record migrations 1…N on a store that has their schema but no
/// history, after checking that it really has it.
struct MigrateBaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record migrations 1 to N as applied on a store that has their schema but no history.",
        discussion: """
            For a store built by hand, by another tool, or from a schema dump without its history rows. The schema \
            at version N is built in a scratch database (as schema diff does) and compared with the store; the \
            history rows are recorded, under the migration lock and in one transaction, only when nothing differs. \
            Otherwise every difference is listed and the command exits 1 with the store untouched. A store that \
            already records migrations is refused: run relayburn migrate instead.

            JSON shape: {"baselined": true, "version": N, "recorded": [versions]} or {"baselined": false, \
            "version": N, "differences": [lines]}.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The version whose schema the store has.", valueName: "N"))
    var to: Int

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    @Option(
        name: [.customLong("migration-lock-wait")],
        help: ArgumentHelp("Seconds to wait for another migrator's lock.", valueName: "seconds"))
    var lockTimeout: Double = 60

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let version = to
        let lockTimeoutMs = Int64(lockTimeout * 1000)
        let outcome = try await context.withDriver { driver in
            try await Self.baseline(
                driver, to: version, appliedBy: context.identity, lockTimeoutMs: lockTimeoutMs,
                relayburnVersion: context.settings.relayburnVersion)
        }
        let store = context.location.redactedDescription
        switch outcome {
        case .recorded(let rows):
            if json {
                Console.out(
                    JSONText.object([
                        ("baselined", "true"), ("version", String(version)),
                        ("recorded", JSONText.array(rows.map { String($0.version) })),
                    ]))
            } else {
                Console.out("baselined \(store) at version \(version): recorded migrations 1 to \(version)")
            }
        case .differs(let differences):
            if json {
                Console.out(
                    JSONText.object([
                        ("baselined", "false"), ("version", String(version)),
                        ("differences", JSONText.array(differences.map(JSONText.string))),
                    ]))
            } else {
                Console.out("\(store) differs from the schema at version \(version) in \(differences.count) place(s):")
                for line in differences { Console.out("  \(line)") }
            }
            throw CommandFailure.failure(
                "nothing recorded: the store does not have the schema of version \(version); fix the differences "
                    + "listed, or baseline at the version it does have")
        }
    }

    private static func baseline(
        _ driver: some MigrationDriver, to version: Int, appliedBy: String, lockTimeoutMs: Int64,
        relayburnVersion: String?
    ) async throws -> BaselineOutcome {
        var runner = MigrationRunner(driver: driver, appliedBy: appliedBy)
        runner.lockTimeoutMs = lockTimeoutMs
        runner.relayburnVersion = relayburnVersion
        return try await runner.baseline(to: version)
    }
}
