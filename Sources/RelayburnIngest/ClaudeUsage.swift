import RelayburnLedger

/// Maps a Claude `message.usage` object to ledger counters and coverage (format note §5.3).
struct ClaudeUsage {
    /// Which counters the message reported at all, regardless of value.
    struct Coverage: Hashable {
        var input = false
        var output = false
        var cacheRead = false
        var cacheCreate = false

        /// Coverage of one line's usage object.
        init(_ usage: JSONObject) {
            input = usage.contains("input_tokens")
            output = usage.contains("output_tokens")
            cacheRead = usage.contains("cache_read_input_tokens")
            let split = usage["cache_creation"]?.objectValue
            cacheCreate =
                usage.contains("cache_creation_input_tokens")
                || split?.contains("ephemeral_5m_input_tokens") == true
                || split?.contains("ephemeral_1h_input_tokens") == true
        }

        init() {}

        /// A turn covers a field when any of its lines did.
        mutating func formUnion(_ other: Coverage) {
            input = input || other.input
            output = output || other.output
            cacheRead = cacheRead || other.cacheRead
            cacheCreate = cacheCreate || other.cacheCreate
        }

        /// The `fidelity` object: the four token flags plus the source's fixed capabilities.
        var fidelity: JSONObject {
            let coverage: JSONObject = [
                "hasInputTokens": .bool(input), "hasOutputTokens": .bool(output), "hasReasoningTokens": false,
                "hasCacheReadTokens": .bool(cacheRead), "hasCacheCreateTokens": .bool(cacheCreate),
                "hasToolCalls": true, "hasToolResultEvents": true, "hasSessionRelationships": true,
                "hasRawContent": true,
            ]
            // The tool/event/relationship flags are always true for Claude, so only the token flags decide.
            let fidelityClass = input && output && cacheRead ? "full" : input && output ? "usage-only" : "partial"
            return ["granularity": "per-turn", "coverage": .object(coverage), "class": .string(fidelityClass)]
        }
    }

    /// The ledger counters of a usage object (`nil` → all zero).
    static func usage(_ usage: JSONObject?) -> Usage {
        guard let usage else {
            return Usage(input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheCreate5m: 0, cacheCreate1h: 0)
        }
        let split = usage["cache_creation"]?.objectValue
        var create5m = counter(split?["ephemeral_5m_input_tokens"])
        let create1h = counter(split?["ephemeral_1h_input_tokens"])
        let total = counter(usage["cache_creation_input_tokens"])
        // Older logs report only the total; attribute it to the default 5-minute TTL.
        if create5m == 0 && create1h == 0 && total > 0 { create5m = total }
        return Usage(
            input: counter(usage["input_tokens"]), output: counter(usage["output_tokens"]), reasoning: 0,
            cacheRead: counter(usage["cache_read_input_tokens"]), cacheCreate5m: create5m, cacheCreate1h: create1h)
    }

    /// A non-negative integer, or 0 for anything else (strings, negatives, fractions), as the Rust port does.
    private static func counter(_ value: JSONValue?) -> Int64 {
        guard case .integer(let integer) = value, integer >= 0 else { return 0 }
        return integer
    }
}
