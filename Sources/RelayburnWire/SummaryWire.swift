public import RelayburnLedger

extension Summary {
    /// Reads back the JSON of ``Summary/json`` (what `GET /v1/summary` answers).
    ///
    /// - Returns: `nil` when the body is not a summary.
    public init?(wireJSON bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes), let turns = value["turns"]?.integerValue,
            let usage = value["usage"].flatMap(UsageTotals.init(wire:))
        else { return nil }
        var grouping: SummaryGrouping?
        var groups: [Group] = []
        for candidate in SummaryGrouping.allCases {
            let name = "by" + candidate.rawValue.prefix(1).uppercased() + candidate.rawValue.dropFirst()
            guard let entries = value[name]?.arrayValue else { continue }
            grouping = candidate
            for entry in entries {
                guard let count = entry["turns"]?.integerValue,
                    let totals = entry["usage"].flatMap(UsageTotals.init(wire:))
                else { return nil }
                // A server from before prices sends no cost: its turns read as unpriced, never as free.
                let cost = entry["cost"].flatMap(CostTotals.init(wire:))
                groups.append(
                    Group(
                        key: entry[candidate.rawValue]?.stringValue, turns: count, usage: totals,
                        cost: cost ?? CostTotals(), unpricedTurns: entry["unpricedTurns"]?.integerValue ?? count))
            }
        }
        let cost = value["cost"].flatMap(CostTotals.init(wire:))
        self.init(
            turns: turns, usage: usage, cost: cost ?? CostTotals(),
            unpricedTurns: value["unpricedTurns"]?.integerValue ?? turns,
            unpricedModels: value["unpricedModels"]?.arrayValue?.compactMap(\.stringValue) ?? [], grouping: grouping,
            groups: groups)
    }
}

extension UsageTotals {
    init?(wire value: JSONValue) {
        guard let input = value["input"]?.integerValue, let output = value["output"]?.integerValue,
            let reasoning = value["reasoning"]?.integerValue, let cacheRead = value["cacheRead"]?.integerValue,
            let fiveMinutes = value["cacheCreate5m"]?.integerValue, let oneHour = value["cacheCreate1h"]?.integerValue
        else { return nil }
        self.init(
            input: input, output: output, reasoning: reasoning, cacheRead: cacheRead, cacheCreate5m: fiveMinutes,
            cacheCreate1h: oneHour)
    }
}

extension CostTotals {
    init?(wire value: JSONValue) {
        guard let input = value["input"]?.doubleValue, let output = value["output"]?.doubleValue,
            let reasoning = value["reasoning"]?.doubleValue, let cacheRead = value["cacheRead"]?.doubleValue,
            let cacheCreate = value["cacheCreate"]?.doubleValue
        else { return nil }
        self.init(input: input, output: output, reasoning: reasoning, cacheRead: cacheRead, cacheCreate: cacheCreate)
    }
}

extension PruneResult {
    /// `{"sessionsDeleted","bytesFreed","skippedRecoverable"}`.
    public var wireJSON: String {
        JSONValue.object([
            "sessionsDeleted": .integer(Int64(sessionsDeleted)), "bytesFreed": .integer(bytesFreed),
            "skippedRecoverable": .integer(Int64(skippedRecoverable)),
        ]).compactJSON
    }

    public init?(wireJSON bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes), let deleted = value["sessionsDeleted"]?.integerValue,
            let freed = value["bytesFreed"]?.integerValue, let skipped = value["skippedRecoverable"]?.integerValue
        else { return nil }
        self.init(sessionsDeleted: Int(deleted), bytesFreed: freed, skippedRecoverable: Int(skipped))
    }
}
