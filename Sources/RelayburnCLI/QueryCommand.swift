import ArgumentParser
import RelayburnLedger
import RelayburnStore

/// `relayburn query <kind> [filters]`: NDJSON on stdout, streamed in constant memory.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print records as NDJSON, one per line, in the ledger's order.",
        discussion: """
            Kinds: turns, content, compactions, relationships, tool-result-events, user-turns. Turns come back \
            with their folded "enrichment" and with fingerprint twins collapsed (--include-twins shows all).
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case turns, content, compactions, relationships
        case toolResultEvents = "tool-result-events"
        case userTurns = "user-turns"

        /// The record type the kind names.
        var recordType: any LedgerRecord.Type { LedgerRecords.type(of: recordKind) }

        var recordKind: RecordKind {
            switch self {
            case .turns: .turn
            case .content: .content
            case .compactions: .compaction
            case .relationships: .relationship
            case .toolResultEvents: .toolResultEvent
            case .userTurns: .userTurn
            }
        }
    }

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: LedgerQueryOptions

    @Argument(help: ArgumentHelp("What to print.", valueName: "kind"))
    var kind: Kind

    @Option(
        name: .customLong("enrichment"),
        help: ArgumentHelp("Turns only: require this folded enrichment (repeatable).", valueName: "key=value"))
    var enrichment: [String] = []

    @Flag(help: "Turns only: include fingerprint twins instead of only the canonical turn.")
    var includeTwins = false

    @Option(help: ArgumentHelp("Content only: records whose text contains every word of this.", valueName: "text"))
    var search: String?

    func validate() throws {
        if search != nil && kind != .content { throw ValidationError("--search applies to content only") }
    }

    func run() async throws {
        var run = QueryRun(kind: kind)
        run.store = store.store ?? root.store.store
        run.since = filters.since
        run.until = filters.until
        run.project = filters.project
        run.session = filters.session
        run.source = filters.source
        run.enrichment = enrichment
        run.includeTwins = includeTwins
        run.search = search
        try await run.run()
    }
}
