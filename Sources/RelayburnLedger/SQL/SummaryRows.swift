public import RelayburnSchema

/// Builds a ``Summary`` from the rows of `templates/ledger/summary.sql`: group key, model, turns, six usage sums,
/// unpriced turns, and five cost sums, one row per group and model.
public enum SummaryRows {
    public static func summary(from rows: [[SQLValue]], grouping: SummaryGrouping?) -> Summary {
        var total = UsageTotals()
        var cost = CostTotals()
        var turns: Int64 = 0
        var unpriced: Int64 = 0
        var unpricedModels: Set<String> = []
        var groups: [Summary.Group] = []
        var position: [String?: Int] = [:]
        for row in rows where row.count >= 15 {
            let key = row[0].textValue
            let count = row[2].integerValue ?? 0
            let usage = UsageTotals(
                input: row[3].integerValue ?? 0, output: row[4].integerValue ?? 0, reasoning: row[5].integerValue ?? 0,
                cacheRead: row[6].integerValue ?? 0, cacheCreate5m: row[7].integerValue ?? 0,
                cacheCreate1h: row[8].integerValue ?? 0)
            let unpricedHere = row[9].integerValue ?? 0
            let rowCost = CostTotals(
                input: row[10].realValue ?? 0, output: row[11].realValue ?? 0, reasoning: row[12].realValue ?? 0,
                cacheRead: row[13].realValue ?? 0, cacheCreate: row[14].realValue ?? 0)
            // Saturating: each group's sums come from SQL, but several groups' together may exceed Int64.
            turns = UsageTotals.saturating(turns, count)
            total.add(usage)
            cost.add(rowCost)
            unpriced += unpricedHere
            if unpricedHere > 0, let model = row[1].textValue { unpricedModels.insert(model) }
            let share = Summary.ModelShare(
                model: row[1].textValue ?? "", turns: count, tokens: usage.allTokens, cost: rowCost.total)
            if let index = position[key] {
                groups[index].models.append(share)
                groups[index].turns = UsageTotals.saturating(groups[index].turns, count)
                groups[index].usage.add(usage)
                groups[index].cost.add(rowCost)
                groups[index].unpricedTurns += unpricedHere
            } else {
                position[key] = groups.count
                var group = Summary.Group(
                    key: key, turns: count, usage: usage, cost: rowCost, unpricedTurns: unpricedHere)
                group.models = [share]
                groups.append(group)
            }
        }
        return Summary(
            turns: turns, usage: total, cost: cost, unpricedTurns: unpriced, unpricedModels: Array(unpricedModels),
            grouping: grouping, groups: grouping == nil ? [] : groups)
    }
}
