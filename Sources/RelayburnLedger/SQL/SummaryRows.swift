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
            turns = saturating(turns, count)
            total.input = saturating(total.input, usage.input)
            total.output = saturating(total.output, usage.output)
            total.reasoning = saturating(total.reasoning, usage.reasoning)
            total.cacheRead = saturating(total.cacheRead, usage.cacheRead)
            total.cacheCreate5m = saturating(total.cacheCreate5m, usage.cacheCreate5m)
            total.cacheCreate1h = saturating(total.cacheCreate1h, usage.cacheCreate1h)
            groups.append(Summary.Group(key: row[0].textValue, turns: count, usage: usage))
        }
        return Summary(turns: turns, usage: total, grouping: grouping, groups: grouping == nil ? [] : groups)
    }

    private static func saturating(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? .max : sum
    }
}
