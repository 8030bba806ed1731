import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn migrate status [--json]`.
struct MigrateStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List every migration as applied, pending, modified, unknown, running or backfilling.",
        discussion: """
            JSON shape: {"currentVersion": N, "migrations": [{"version", "name", "state", "kind", "appliedAt", \
            "appliedByVersion", "backfillAfter", "checksum", "fileChecksum", "detail"}], "hosts": [{"host", \
            "relayburnVersion", "knownVersion", "seenAt"}]}; appliedAt is null when pending, fileChecksum null when \
            unknown. state running is a no-transaction migration and backfilling a backfill that a runner started \
            and the next `relayburn migrate` finishes (backfillAfter: the last key filled). kind is transactional, \
            no-transaction or backfill. hosts is the fleet census: every host that opened the store in the last \
            24 h, with the newest migration its relayburn knows.

            A migration whose file changed after it was applied is edited when the change is in comments or \
            whitespace only (its SQL, normalised, is what the store recorded applying), accepted when \
            templates/migrations.accept lists the store's checksum, and modified otherwise (the runner refuses \
            it). drift is an unchanged file that this relayburn's dialect files render to other SQL than the \
            store applied. detail says which.

            With --check the exit status says it for scripts and probes: 0 every migration applied, 3 some \
            pending (or running, or backfilling), 4 one modified, unknown or drift (the files and the store \
            disagree); edited and accepted count as applied.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the status as JSON.")
    var json = false

    @Flag(help: "Exit 3 when migrations are pending, 4 when one is modified, unknown or drift (0 when up to date).")
    var check = false

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let (entries, hosts) = try await context.withDriver { driver in
            try await Self.status(driver, appliedBy: context.identity)
        }
        let current =
            entries.filter { $0.state != .pending && $0.state != .running && $0.state != .backfilling }
            .map(\.version).max() ?? 0
        if json {
            let rows = entries.map { entry in
                JSONText.object([
                    ("version", String(entry.version)), ("name", JSONText.string(entry.name)),
                    ("state", JSONText.string(entry.state.rawValue)),
                    ("kind", JSONText.optionalString(entry.kind?.rawValue)),
                    ("appliedAt", JSONText.optionalString(entry.appliedAt)),
                    ("appliedByVersion", JSONText.optionalString(entry.relayburnVersion)),
                    ("backfillAfter", JSONText.optionalString(entry.backfillAfter)),
                    ("checksum", JSONText.string(entry.checksum)),
                    ("fileChecksum", JSONText.optionalString(entry.fileChecksum)),
                    ("detail", JSONText.optionalString(entry.detail)),
                ])
            }
            let census = hosts.map { host in
                JSONText.object([
                    ("host", JSONText.string(host.host)), ("relayburnVersion", JSONText.string(host.relayburnVersion)),
                    ("knownVersion", String(host.knownVersion)), ("seenAt", JSONText.string(host.seenAt)),
                ])
            }
            Console.out(
                JSONText.object([
                    ("currentVersion", String(current)), ("migrations", JSONText.array(rows)),
                    ("hosts", JSONText.array(census)),
                ]))
        } else {
            printTable(entries, hosts)
        }
        if check, let failure = Self.checkFailure(entries) { throw failure }
    }

    /// `--check`'s verdict: nil when every migration is applied.
    static func checkFailure(_ entries: [MigrationStatus]) -> CommandFailure? {
        let disagreeing = entries.filter { $0.state == .modified || $0.state == .unknown || $0.state == .drift }
        if !disagreeing.isEmpty {
            let list = disagreeing.map { "\(Migration.paddedVersion($0.version)) \($0.state.rawValue)" }
            return CommandFailure(
                message: "the store and this relayburn's migrations disagree (\(list.joined(separator: ", "))); "
                    + "see relayburn migrate status",
                status: 4)
        }
        let pending = entries.filter { $0.state == .pending || $0.state == .running || $0.state == .backfilling }
        if !pending.isEmpty {
            return CommandFailure(
                message: "\(pending.count) migration(s) pending; run relayburn migrate", status: 3)
        }
        return nil
    }

    private func printTable(_ entries: [MigrationStatus], _ hosts: [CensusEntry]) {
        Console.out(pad("VERSION", 8) + pad("NAME", 30) + pad("STATE", 12) + pad("APPLIED AT", 26) + "CHECKSUM")
        for entry in entries {
            Console.out(
                pad(Migration.paddedVersion(entry.version), 8)
                    + pad(entry.name, 30) + pad(entry.state.rawValue, 12) + pad(entry.appliedAt ?? "-", 26)
                    + String(entry.checksum.prefix(16)))
        }
        for entry in entries {
            guard let detail = entry.detail else { continue }
            Console.out("  \(Migration.paddedVersion(entry.version)) \(entry.state.rawValue): \(detail)")
        }
        if !hosts.isEmpty {
            Console.out("")
            Console.out(pad("HOST", 30) + pad("RELAYBURN", 12) + pad("KNOWS", 8) + "SEEN AT")
            for host in hosts {
                Console.out(
                    pad(host.host, 30) + pad(host.relayburnVersion, 12)
                        + pad(Migration.paddedVersion(host.knownVersion), 8)
                        + host.seenAt)
            }
        }
    }

    private static func status(
        _ driver: some MigrationDriver, appliedBy: String
    ) async throws -> ([MigrationStatus], [CensusEntry]) {
        let runner = MigrationRunner(driver: driver, appliedBy: appliedBy)
        return (try await runner.status(), try await runner.census())
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
