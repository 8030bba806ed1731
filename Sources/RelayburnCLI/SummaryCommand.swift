import ArgumentParser
import RelayburnLedger
import RelayburnStore

/// `relayburn summary [filters] [--by model|project|session|day|week|month] [--json]`.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "What the agents burned: turns, the six usage counters and their cost, overall and per group.",
        discussion: """
            Computed in SQL, cost included: each turn is priced with the store's prices (relayburn prices) in \
            force at its time, by its model (as written, else without a provider prefix, else without a date \
            suffix) and context tier. A turn whose model has no price is counted as unpriced, never as $0. Days, \
            weeks (named by their Monday) and months are UTC. Fingerprint twins count once.

            JSON: {"turns": N, "usage": {"input", "output", "reasoning", "cacheRead", "cacheCreate5m", \
            "cacheCreate1h"}, "totalCost": D, "cost": {"total", "input", "output", "reasoning", "cacheRead", \
            "cacheCreate"}, "unpricedTurns": N, "unpricedModels": [...], "byModel": [{"model": M, "turns": N, \
            "usage": {...}, "cost": {...}, "unpricedTurns": N}]}, dollars to the micro-dollar. The group list is \
            named after --by (byDay, byWeek, ...); --json without --by groups by model, as relayburn 1.x does. \
            Groups are sorted by turns descending, then name.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: LedgerQueryOptions

    @Option(help: ArgumentHelp("Group by model, project, session, day, week or month.", valueName: "grouping"))
    var by: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        if let by, SummaryGrouping(rawValue: by) == nil {
            throw ValidationError("--by \(by) is not a grouping; use model, project, session, day, week or month")
        }
    }

    func run() async throws {
        // Not waiting for 0010 (prices): a store another host is still migrating is summarised with every turn
        // unpriced rather than after that host's migration.
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let query = try filters.query()
        // relayburn 1.x's `summary --json` groups by model; so does ours when --by is not given.
        let grouping = by.flatMap(SummaryGrouping.init(rawValue:)) ?? (json ? .model : nil)
        let summary = try await context.withStore { store in try await store.summary(query, by: grouping) }
        Console.out(json ? summary.json : Self.table(summary))
    }

    static func table(_ summary: Summary) -> String {
        let header = ["TURNS", "INPUT", "OUTPUT", "REASONING", "CACHE READ", "CACHE 5M", "CACHE 1H", "COST"]
        func cells(_ turns: Int64, _ usage: UsageTotals, _ cost: CostTotals, unpriced: Int64) -> [String] {
            [
                turns, usage.input, usage.output, usage.reasoning, usage.cacheRead, usage.cacheCreate5m,
                usage.cacheCreate1h,
            ]
            .map(Self.thousands)
                + [PriceFormat.dollars(cost.roundedTotal) + (unpriced > 0 ? "*" : "")]
        }
        var rows = [
            [""] + header,
            ["total"] + cells(summary.turns, summary.usage, summary.cost, unpriced: summary.unpricedTurns),
        ]
        for group in summary.groups {
            rows.append(
                [group.key ?? "(none)"] + cells(group.turns, group.usage, group.cost, unpriced: group.unpricedTurns))
        }
        if let grouping = summary.grouping { rows[0][0] = grouping.rawValue.uppercased() }
        var text = TextTable.render(rows)
        if summary.unpricedTurns > 0 {
            text +=
                "\n* \(Self.thousands(summary.unpricedTurns)) turn(s) of models without a price, not in the cost: "
                + summary.unpricedModels.joined(separator: ", ") + " (relayburn prices import FILE adds prices)"
        }
        return text
    }

    static func thousands(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + PriceFormat.grouped(String(value.magnitude))
    }
}
