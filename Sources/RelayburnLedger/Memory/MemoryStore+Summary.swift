extension MemoryStore {
    /// Totals of canonical turns passing `query`'s time, project, session and source filters (enrichment is not
    /// applied), grouped by model, project, session or day (the first ten characters of `ts`).
    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        var canonicalOnly = query
        canonicalOnly.includeTwins = false
        var total = UsageTotals()
        var count: Int64 = 0
        var groups: [GroupKey: (turns: Int64, usage: UsageTotals)] = [:]
        for turn in filteredTurns(canonicalOnly) {
            count += 1
            total.add(turn.usage)
            guard let grouping else { continue }
            let key = GroupKey(value: Self.groupKey(of: turn, by: grouping))
            groups[key, default: (0, UsageTotals())].turns += 1
            groups[key, default: (0, UsageTotals())].usage.add(turn.usage)
        }
        return Summary(
            turns: count, usage: total, grouping: grouping,
            groups: groups.map { Summary.Group(key: $0.key.value, turns: $0.value.turns, usage: $0.value.usage) })
    }

    private static func groupKey(of turn: TurnRecord, by grouping: SummaryGrouping) -> String? {
        switch grouping {
        case .model: turn.model
        case .project: turn.project
        case .session: turn.sessionId
        case .day: String(turn.ts.prefix(10))
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
