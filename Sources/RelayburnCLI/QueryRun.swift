import RelayburnLedger
import RelayburnStore

/// The work of `relayburn query`, apart from parsing it: ``QueryCommand`` (ArgumentParser) and ``HotCommandLine``
/// (the hand-written recogniser, which spares scripts that page through the ledger ~3 ms of ArgumentParser per
/// call) both build one and run it, so what the command does and prints cannot drift between them.
struct QueryRun {
    /// `--store`, the command's own else the one before the command; `nil` defers to the environment.
    var store: String?
    var kind: QueryCommand.Kind
    var since: String?
    var until: String?
    var project: String?
    var session: String?
    var source: String?
    /// `--enrichment key=value`, as written.
    var enrichment: [String] = []
    var includeTwins = false
    var search: String?

    init(kind: QueryCommand.Kind) { self.kind = kind }

    /// An unfiltered query of a kind the store exports whole, answered without Swift's concurrency runtime
    /// (``StoreConnector/exportBlocking(_:kind:write:)``): `true` when it was; `false`, having written nothing,
    /// when ``run()`` must do the work.
    func runSynchronously() throws -> Bool {
        guard
            since == nil, until == nil, project == nil, session == nil, source == nil, enrichment.isEmpty,
            !includeTwins, search == nil
        else { return false }
        let context = try CommandContext(store: store)
        let output = Console.Output()
        do {
            return try StoreConnector.exportBlocking(context.settings, kind: kind.recordKind) { page in
                try output.write(page.bytes)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure.failure(CommandContext.sentence(for: error))
        }
    }

    func run() async throws {
        let context = try CommandContext(store: store)
        var labels: [String: String] = [:]
        for pair in enrichment {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CommandFailure.usage("--enrichment \(pair) is not key=value")
            }
            labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        let query = try LedgerQueryOptions.query(
            since: since, until: until, project: project, session: session, source: source, enrichment: labels,
            includeTwins: includeTwins)
        let kind = self.kind
        let search = self.search
        try await context.withStore { store in
            if let search {
                for try await record in store.searchContent(search, query) { Console.out(record.object.compactJSON) }
                return
            }
            // The stored bytes go straight to stdout, a page at a time.
            try await Self.write(kind.recordType, from: store, query)
        }
    }

    private static func write<Record: LedgerRecord>(
        _ type: Record.Type, from store: any StorageAdapter, _ query: LedgerQuery
    ) async throws {
        let output = Console.Output()
        for try await page in store.queryEncoded(type, query) { try output.write(page.bytes) }
    }
}
