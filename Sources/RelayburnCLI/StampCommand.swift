import ArgumentParser
import RelayburnLedger
import RelayburnSchema
import RelayburnStore

/// `relayburn stamp --session ID [--message ID] KEY=VALUE ...`.
struct StampCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Label a session's turns (or one turn) with key=value enrichment, after the fact.",
        discussion: """
            The stamp applies to matching turns written before or after it; when two stamps set one key, the \
            later one wins. A parentAgentId label also records a spawn-env subagent relationship.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The session whose turns to label.", valueName: "id"))
    var session: String

    @Option(help: ArgumentHelp("Only the turn of this message.", valueName: "id"))
    var message: String?

    @Argument(help: ArgumentHelp("Labels to set.", valueName: "key=value"))
    var labels: [String] = []

    func validate() throws {
        if labels.isEmpty { throw ValidationError("give at least one KEY=VALUE label") }
        for label in labels where !(label.contains("=") && !label.hasPrefix("=")) {
            throw ValidationError("\(label) is not KEY=VALUE")
        }
    }

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let pairs = labels.map { label in
            let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (key: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
        let stamp: Stamp
        do {
            stamp = try Stamp.labelling(sessionId: session, messageId: message, labels: pairs, ts: UTCTimestamp.now())
        } catch {
            throw CommandFailure.usage(error.description)
        }
        _ = try await context.withStore { store in try await store.appendStamps([stamp]) }
        Console.out("stamped session \(session)\(message.map { " message \($0)" } ?? "") (stamp \(stamp.id))")
    }
}
