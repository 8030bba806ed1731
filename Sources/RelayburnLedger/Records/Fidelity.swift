/// How faithfully a source reports usage (`fidelity`); stored as written, never recomputed.
public struct Fidelity: Sendable, Hashable {
    /// A `UsageGranularity` (`per-turn`, `per-message`, `per-session-aggregate`, `cost-only`, or newer).
    public var granularity: String
    /// Which fields the source supplies.
    public var coverage: Coverage
    /// A `FidelityClass` (`full`, `usage-only`, `aggregate-only`, `cost-only`, `partial`, or newer).
    public var fidelityClass: String

    static func read(_ reader: FieldReader) throws(RecordError) -> Fidelity {
        Fidelity(
            granularity: try reader.string("granularity"), coverage: try Coverage.read(try reader.nested("coverage")),
            fidelityClass: try reader.string("class"))
    }
}

/// Whether a source supplies each field (never its value); all nine flags are required.
public struct Coverage: Sendable, Hashable {
    public var hasInputTokens: Bool
    public var hasOutputTokens: Bool
    public var hasReasoningTokens: Bool
    public var hasCacheReadTokens: Bool
    public var hasCacheCreateTokens: Bool
    public var hasToolCalls: Bool
    public var hasToolResultEvents: Bool
    public var hasSessionRelationships: Bool
    public var hasRawContent: Bool

    static func read(_ reader: FieldReader) throws(RecordError) -> Coverage {
        Coverage(
            hasInputTokens: try reader.bool("hasInputTokens"), hasOutputTokens: try reader.bool("hasOutputTokens"),
            hasReasoningTokens: try reader.bool("hasReasoningTokens"),
            hasCacheReadTokens: try reader.bool("hasCacheReadTokens"),
            hasCacheCreateTokens: try reader.bool("hasCacheCreateTokens"),
            hasToolCalls: try reader.bool("hasToolCalls"),
            hasToolResultEvents: try reader.bool("hasToolResultEvents"),
            hasSessionRelationships: try reader.bool("hasSessionRelationships"),
            hasRawContent: try reader.bool("hasRawContent"))
    }
}
