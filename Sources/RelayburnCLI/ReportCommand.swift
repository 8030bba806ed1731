import ArgumentParser
import RelayburnLedger
import RelayburnStore

/// `relayburn report --html FILE [filters]`: the burn report, one self-contained HTML page.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML page of what the agents burned: cost and tokens per day by model, top sessions.",
        discussion: """
            One self-contained file (inline CSS and SVG, no script, nothing fetched from the network) for a team \
            lead's browser: cost and tokens per day stacked by model, the models, the ten sessions and projects \
            that cost most, the share of input read from the cache, and the models without a price. The figures \
            are summary's (the same filters apply). The file is written whole or not at all.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: LedgerQueryOptions

    @Option(name: .customLong("html"), help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var path: String

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let query = try filters.query()
        let report = try await context.withStore { store in
            HTMLReport(
                title: "relayburn: what the agents burned", scope: Self.scope(context, query),
                byModel: try await store.summary(query, by: .model), byDay: try await store.summary(query, by: .day),
                bySession: try await store.summary(query, by: .session),
                byProject: try await store.summary(query, by: .project))
        }
        let html = report.render()
        do {
            // Atomically: a reader never sees half a page, and a failure leaves any earlier report as it was.
            try AtomicFile.write(Array(html.utf8), to: path)
        } catch {
            throw CommandFailure.failure("cannot write \(path): \(error)")
        }
        Console.out(
            "wrote \(path): \(SummaryCommand.thousands(report.byModel.turns)) turns, "
                + PriceFormat.dollars(report.byModel.cost.roundedTotal)
                + (report.byModel.unpricedTurns > 0 ? " (\(report.byModel.unpricedTurns) unpriced turns)" : ""))
    }

    private static func scope(_ context: CommandContext, _ query: LedgerQuery) -> String {
        var parts = [context.location.redactedDescription]
        if let since = query.since { parts.append("since \(since)") }
        if let until = query.until { parts.append("until \(until)") }
        if let project = query.project { parts.append("project \(project)") }
        if let session = query.sessionId { parts.append("session \(session)") }
        if let source = query.source { parts.append("source \(source)") }
        return parts.joined(separator: ", ")
    }
}
