/// How `summary --by` groups turns.
public enum SummaryGrouping: String, Sendable, CaseIterable {
    case model, project, session, day
}

/// The six usage counters, summed.
public struct UsageTotals: Sendable, Equatable {
    public var input: Int64 = 0
    public var output: Int64 = 0
    public var reasoning: Int64 = 0
    public var cacheRead: Int64 = 0
    public var cacheCreate5m: Int64 = 0
    public var cacheCreate1h: Int64 = 0

    public init(
        input: Int64 = 0, output: Int64 = 0, reasoning: Int64 = 0, cacheRead: Int64 = 0, cacheCreate5m: Int64 = 0,
        cacheCreate1h: Int64 = 0
    ) {
        self.input = input
        self.output = output
        self.reasoning = reasoning
        self.cacheRead = cacheRead
        self.cacheCreate5m = cacheCreate5m
        self.cacheCreate1h = cacheCreate1h
    }

    var jsonValue: JSONValue {
        .object([
            "input": .integer(input), "output": .integer(output), "reasoning": .integer(reasoning),
            "cacheRead": .integer(cacheRead), "cacheCreate5m": .integer(cacheCreate5m),
            "cacheCreate1h": .integer(cacheCreate1h),
        ])
    }
}

/// Totals of canonical turns, overall and per group (DESIGN section 7).
public struct Summary: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// The model, project, session id or day (`YYYY-MM-DD`); `nil` for turns without a project.
        public var key: String?
        public var turns: Int64
        public var usage: UsageTotals

        public init(key: String?, turns: Int64, usage: UsageTotals) {
            self.key = key
            self.turns = turns
            self.usage = usage
        }
    }

    public var turns: Int64
    public var usage: UsageTotals
    public var grouping: SummaryGrouping?
    /// Sorted by turns descending, then key (absent keys first).
    public var groups: [Group]

    public init(turns: Int64, usage: UsageTotals, grouping: SummaryGrouping?, groups: [Group]) {
        self.turns = turns
        self.usage = usage
        self.grouping = grouping
        self.groups = groups.sorted { left, right in
            left.turns != right.turns ? left.turns > right.turns : (left.key ?? "") < (right.key ?? "")
        }
    }

    /// `{"turns": N, "usage": {...}, "byModel": [{"model": M, "turns": N, "usage": {...}}]}`, byte-stable.
    public var json: String {
        var object: JSONObject = ["turns": .integer(turns), "usage": usage.jsonValue]
        if let grouping {
            let name = "by" + grouping.rawValue.prefix(1).uppercased() + grouping.rawValue.dropFirst()
            object[name] = .array(
                groups.map { group in
                    .object([
                        grouping.rawValue: group.key.map(JSONValue.string) ?? .null, "turns": .integer(group.turns),
                        "usage": group.usage.jsonValue,
                    ])
                })
        }
        return JSONValue.object(object).compactJSON
    }
}
