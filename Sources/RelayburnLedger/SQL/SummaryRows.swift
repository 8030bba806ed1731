public import RelayburnSchema

/// Builds a ``Summary`` from the rows of `templates/ledger/summary.sql`: group key, turns, six usage sums.
public enum SummaryRows {
    public static func summary(from rows: [[SQLValue]], grouping: SummaryGrouping?) -> Summary {
        var total = UsageTotals()
        var turns: Int64 = 0
        var groups: [Summary.Group] = []
        for row in rows where row.count >= 8 {
            let usage = UsageTotals(
                input: row[2].integerValue ?? 0, output: row[3].integerValue ?? 0, reasoning: row[4].integerValue ?? 0,
                cacheRead: row[5].integerValue ?? 0, cacheCreate5m: row[6].integerValue ?? 0,
                cacheCreate1h: row[7].integerValue ?? 0)
            let count = row[1].integerValue ?? 0
            // Saturating: each group's sums come from SQL, but several groups' together may exceed Int64.
            turns = UsageTotals.saturating(turns, count)
            total.add(usage)
            groups.append(Summary.Group(key: row[0].textValue, turns: count, usage: usage))
        }
        return Summary(turns: turns, usage: total, grouping: grouping, groups: grouping == nil ? [] : groups)
    }
}
