extension MemoryStore {
    /// Totals of canonical turns passing `query`'s time, project, session and source filters (enrichment is not
    /// applied), grouped by model, project, session or day (the first ten characters of `ts`).
    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        try loadBuiltInPricesIfNone()
        let book = PriceBook(Array(storedPrices.values))
        var canonicalOnly = query
        canonicalOnly.includeTwins = false
        var total = Summary.Group(key: nil, turns: 0, usage: UsageTotals())
        var unpricedModels: Set<String> = []
        var groups: [GroupKey: Summary.Group] = [:]
        for turn in filteredTurns(canonicalOnly) {
            var one = Summary.Group(key: nil, turns: 1, usage: UsageTotals())
            one.usage.add(turn.usage)
            if let price = book.price(model: turn.model, ts: turn.ts, usage: turn.usage) {
                one.cost = PriceBook.cost(of: turn.usage, at: price)
            } else {
                one.unpricedTurns = 1
                unpricedModels.insert(turn.model)
            }
            one.models = [
                Summary.ModelShare(model: turn.model, turns: 1, tokens: one.usage.allTokens, cost: one.cost.total)
            ]
            total.add(one)
            guard let grouping else { continue }
            let key = Self.groupKey(of: turn, by: grouping)
            groups[GroupKey(value: key), default: Summary.Group(key: key, turns: 0, usage: UsageTotals())].add(one)
        }
        return Summary(
            turns: total.turns, usage: total.usage, cost: total.cost, unpricedTurns: total.unpricedTurns,
            unpricedModels: Array(unpricedModels), grouping: grouping, groups: Array(groups.values))
    }

    private static func groupKey(of turn: TurnRecord, by grouping: SummaryGrouping) -> String? {
        switch grouping {
        case .model: turn.model
        case .project: turn.project
        case .session: turn.sessionId
        case .day: String(turn.ts.prefix(10))
        case .week: UTCWeek.monday(ofDay: String(turn.ts.prefix(10)))
        case .month: String(turn.ts.prefix(7))
        }
    }

    /// A group key compared by bytes, `nil` for turns without a project.
    private struct GroupKey: Hashable {
        let value: String?

        static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
            switch (lhs.value, rhs.value) {
            case (nil, nil): true
            case (.some(let left), .some(let right)): left.utf8.elementsEqual(right.utf8)
            default: false
            }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(value == nil)
            for byte in value?.utf8 ?? "".utf8 { hasher.combine(byte) }
        }
    }
}

extension Summary.Group {
    fileprivate mutating func add(_ other: Summary.Group) {
        turns = UsageTotals.saturating(turns, other.turns)
        usage.add(other.usage)
        cost.add(other.cost)
        unpricedTurns += other.unpricedTurns
        for share in other.models {
            if let index = models.firstIndex(where: { $0.model == share.model }) {
                models[index].turns += share.turns
                models[index].tokens = UsageTotals.saturating(models[index].tokens, share.tokens)
                models[index].cost += share.cost
            } else {
                models.append(share)
            }
        }
    }
}

extension UsageTotals {
    /// Adds one turn's counters, saturating rather than trapping on hostile values.
    fileprivate mutating func add(_ usage: Usage) {
        input = Self.saturating(input, usage.input)
        output = Self.saturating(output, usage.output)
        reasoning = Self.saturating(reasoning, usage.reasoning)
        cacheRead = Self.saturating(cacheRead, usage.cacheRead)
        cacheCreate5m = Self.saturating(cacheCreate5m, usage.cacheCreate5m)
        cacheCreate1h = Self.saturating(cacheCreate1h, usage.cacheCreate1h)
    }

    /// Adds another total (several SQL groups' sums), saturating like ``add(_:)-(Usage)``.
    mutating func add(_ other: UsageTotals) {
        input = Self.saturating(input, other.input)
        output = Self.saturating(output, other.output)
        reasoning = Self.saturating(reasoning, other.reasoning)
        cacheRead = Self.saturating(cacheRead, other.cacheRead)
        cacheCreate5m = Self.saturating(cacheCreate5m, other.cacheCreate5m)
        cacheCreate1h = Self.saturating(cacheCreate1h, other.cacheCreate1h)
    }

    static func saturating(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? .max : sum
    }
}
