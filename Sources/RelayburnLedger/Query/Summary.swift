/// How `summary --by` groups turns. Days, weeks (named by their Monday) and months are UTC buckets.
public enum SummaryGrouping: String, Sendable, CaseIterable {
    case model, project, session, day, week, month
}

/// Dollars, by what was billed (DESIGN section 7 as widened by migration 0010): cache creation (5 m and 1 h) at
/// the cache-write rate, reasoning at its own rate where the model bills it apart.
public struct CostTotals: Sendable, Equatable {
    public var input: Double = 0
    public var output: Double = 0
    public var reasoning: Double = 0
    public var cacheRead: Double = 0
    public var cacheCreate: Double = 0

    public init(
        input: Double = 0, output: Double = 0, reasoning: Double = 0, cacheRead: Double = 0, cacheCreate: Double = 0
    ) {
        self.input = input
        self.output = output
        self.reasoning = reasoning
        self.cacheRead = cacheRead
        self.cacheCreate = cacheCreate
    }

    public var total: Double { input + output + reasoning + cacheRead + cacheCreate }

    mutating func add(_ other: CostTotals) {
        input += other.input
        output += other.output
        reasoning += other.reasoning
        cacheRead += other.cacheRead
        cacheCreate += other.cacheCreate
    }

    /// To the micro-dollar: sums of doubles differ in their last bits with the order they were added in, and
    /// every store must print the same figures.
    public var rounded: CostTotals {
        CostTotals(
            input: Self.round(input), output: Self.round(output), reasoning: Self.round(reasoning),
            cacheRead: Self.round(cacheRead), cacheCreate: Self.round(cacheCreate))
    }

    /// The total as every output prints it: the rounded parts added, then rounded again (so the JSON's
    /// `totalCost`, the table and the report agree to the micro-dollar).
    public var roundedTotal: Double { Self.round(rounded.total) }

    /// Dollars to the micro-dollar.
    public static func round(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

    var jsonValue: JSONValue {
        let cost = rounded
        return .object([
            "total": .double(roundedTotal), "input": .double(cost.input), "output": .double(cost.output),
            "reasoning": .double(cost.reasoning), "cacheRead": .double(cost.cacheRead),
            "cacheCreate": .double(cost.cacheCreate),
        ])
    }
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

    /// Every counter together (saturating).
    public var allTokens: Int64 {
        [output, reasoning, cacheRead, cacheCreate5m, cacheCreate1h].reduce(input) { Self.saturating($0, $1) }
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
        /// The model, project, session id, day (`YYYY-MM-DD`), week (its Monday, `YYYY-MM-DD`) or month
        /// (`YYYY-MM`); `nil` for turns without a project.
        public var key: String?
        public var turns: Int64
        public var usage: UsageTotals
        public var cost: CostTotals
        /// Turns whose model has no price: counted here, never silently priced at $0.
        public var unpricedTurns: Int64
        /// The group's turns by model, for charts (`relayburn report`); not part of the JSON, so empty in a
        /// summary read back from a server.
        public var models: [ModelShare] = []

        public init(
            key: String?, turns: Int64, usage: UsageTotals, cost: CostTotals = CostTotals(), unpricedTurns: Int64 = 0
        ) {
            self.key = key
            self.turns = turns
            self.usage = usage
            self.cost = cost
            self.unpricedTurns = unpricedTurns
        }
    }

    /// One model's part of a group.
    public struct ModelShare: Sendable, Equatable {
        public var model: String
        public var turns: Int64
        /// Input, output, reasoning, cache read and cache creation together.
        public var tokens: Int64
        public var cost: Double

        public init(model: String, turns: Int64, tokens: Int64, cost: Double) {
            self.model = model
            self.turns = turns
            self.tokens = tokens
            self.cost = cost
        }
    }

    public var turns: Int64
    public var usage: UsageTotals
    public var cost: CostTotals
    public var unpricedTurns: Int64
    /// The models of the unpriced turns, sorted.
    public var unpricedModels: [String]
    public var grouping: SummaryGrouping?
    /// Sorted by turns descending, then key (absent keys first).
    public var groups: [Group]

    public init(
        turns: Int64, usage: UsageTotals, cost: CostTotals = CostTotals(), unpricedTurns: Int64 = 0,
        unpricedModels: [String] = [], grouping: SummaryGrouping?, groups: [Group]
    ) {
        self.turns = turns
        self.usage = usage
        self.cost = cost
        self.unpricedTurns = unpricedTurns
        self.unpricedModels = unpricedModels.sorted()
        self.grouping = grouping
        self.groups = groups.sorted { left, right in
            left.turns != right.turns ? left.turns > right.turns : (left.key ?? "") < (right.key ?? "")
        }
    }

    /// `{"turns": N, "usage": {...}, "totalCost": D, "cost": {...}, "unpricedTurns": N, "unpricedModels": [...],
    /// "byModel": [{"model": M, "turns": N, "usage": {...}, "cost": {...}, "unpricedTurns": N}]}`, byte-stable;
    /// dollars to the micro-dollar.
    public var json: String {
        var object: JSONObject = [
            "turns": .integer(turns), "usage": usage.jsonValue,
            "totalCost": .double(cost.roundedTotal),
            "cost": cost.jsonValue, "unpricedTurns": .integer(unpricedTurns),
            "unpricedModels": .array(unpricedModels.map(JSONValue.string)),
        ]
        if let grouping {
            let name = "by" + grouping.rawValue.prefix(1).uppercased() + grouping.rawValue.dropFirst()
            object[name] = .array(
                groups.map { group in
                    .object([
                        grouping.rawValue: group.key.map(JSONValue.string) ?? .null, "turns": .integer(group.turns),
                        "usage": group.usage.jsonValue, "cost": group.cost.jsonValue,
                        "unpricedTurns": .integer(group.unpricedTurns),
                    ])
                })
        }
        return JSONValue.object(object).compactJSON
    }
}
