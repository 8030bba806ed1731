import ArgumentParser
import RelayburnLedger
import RelayburnStore

/// `relayburn summary [filters] [--by model|project|session|day] [--json]`.
struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Totals of turns and the six usage counters, overall and per group, computed in SQL.",
        discussion: """
            JSON: {"turns": N, "usage": {"input", "output", "reasoning", "cacheRead", "cacheCreate5m", \
            "cacheCreate1h"}, "byModel": [{"model": M, "turns": N, "usage": {...}}]} — the group key is named \
            after --by, groups sorted by turns descending, then name. Fingerprint twins count once.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: LedgerQueryOptions

    @Option(help: ArgumentHelp("Group by model, project, session or day.", valueName: "grouping"))
    var by: String?

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        if let by, SummaryGrouping(rawValue: by) == nil {
            throw ValidationError("--by \(by) is not a grouping; use model, project, session or day")
        }
    }

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let query = try filters.query()
        let grouping = by.flatMap(SummaryGrouping.init(rawValue:))
        let summary = try await context.withStore { store in try await store.summary(query, by: grouping) }
        Console.out(json ? summary.json : Self.table(summary))
    }

    static func table(_ summary: Summary) -> String {
        let header = ["TURNS", "INPUT", "OUTPUT", "REASONING", "CACHE READ", "CACHE 5M", "CACHE 1H"]
        func cells(_ turns: Int64, _ usage: UsageTotals) -> [String] {
            [turns, usage.input, usage.output, usage.reasoning, usage.cacheRead, usage.cacheCreate5m,
             usage.cacheCreate1h].map(String.init)
        }
        var rows = [[""] + header, ["total"] + cells(summary.turns, summary.usage)]
        for group in summary.groups { rows.append([group.key ?? "(none)"] + cells(group.turns, group.usage)) }
        if let grouping = summary.grouping { rows[0][0] = grouping.rawValue.uppercased() }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
