/// The dollar rates per million tokens for one model, from one time on, above one context size
/// (`model_prices`, migration 0010).
public struct ModelPrice: Sendable, Equatable {
    /// A catalogue id (`claude-haiku-4-5`) or a provider-qualified one (`anthropic/claude-haiku-4-5`).
    public var model: String
    /// When the price starts to apply (a relayburn timestamp); it applies until the model's next one.
    public var effectiveFrom: String
    /// The rate applies to turns whose context (input + cache read + cache creation) exceeds this; 0 for the
    /// base rate.
    public var contextAbove: Int64
    public var input: Double
    public var output: Double
    /// `nil`: reasoning tokens are billed at the output rate.
    public var reasoning: Double?
    /// `nil`: cache reads are billed at the input rate.
    public var cacheRead: Double?
    /// `nil`: cache creation is billed at the input rate.
    public var cacheWrite: Double?
    /// Where it came from: `built-in`, or the imported file's path.
    public var source: String

    public init(
        model: String, effectiveFrom: String, contextAbove: Int64 = 0, input: Double, output: Double,
        reasoning: Double? = nil, cacheRead: Double? = nil, cacheWrite: Double? = nil, source: String
    ) {
        self.model = model
        self.effectiveFrom = effectiveFrom
        self.contextAbove = contextAbove
        self.input = input
        self.output = output
        self.reasoning = reasoning
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.source = source
    }

    /// `model|effective_from|context_above`, the row's primary key.
    public var key: String { "\(model)|\(effectiveFrom)|\(contextAbove)" }

    /// Whether the two charge the same (model, tier and every rate), whenever and wherever they come from.
    public func chargesTheSame(as other: ModelPrice) -> Bool {
        model == other.model && contextAbove == other.contextAbove && input == other.input && output == other.output
            && reasoning == other.reasoning && cacheRead == other.cacheRead && cacheWrite == other.cacheWrite
    }
}

/// How a turn's model name finds its price (docs/operations.md, "Prices and cost"): the name as written, then
/// without a provider prefix (`anthropic/claude-haiku-4-5` → `claude-haiku-4-5`, everything up to the last `/`),
/// then without a date suffix (`claude-haiku-4-5-20251001` → `claude-haiku-4-5`; `-YYYYMMDD`, `-YYYY-MM-DD` or
/// `@YYYYMMDD`), then without both. The first name that has a price wins. summary.sql spells the same rule in SQL
/// (the `model_without_provider` and `model_without_date` macros); the memory store uses this one.
public enum ModelName {
    /// The names to look up, in order, without repeats.
    public static func candidates(_ model: String) -> [String] {
        let bare = withoutProvider(model)
        var names: [String] = []
        for name in [model, bare, withoutDate(model), withoutDate(bare)] where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    static func withoutProvider(_ model: String) -> String {
        guard let slash = model.lastIndex(of: "/") else { return model }
        return String(model[model.index(after: slash)...])
    }

    static func withoutDate(_ model: String) -> String {
        let bytes = Array(model.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.allSatisfy { bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
        }
        let count = bytes.count
        if count > 9, bytes[count - 9] == UInt8(ascii: "-") || bytes[count - 9] == UInt8(ascii: "@"),
            digits((count - 8)..<count)
        {
            return String(decoding: bytes[..<(count - 9)], as: UTF8.self)
        }
        if count > 11, bytes[count - 11] == UInt8(ascii: "-"), digits((count - 10)..<(count - 6)),
            bytes[count - 6] == UInt8(ascii: "-"), digits((count - 5)..<(count - 3)),
            bytes[count - 3] == UInt8(ascii: "-"),
            digits((count - 2)..<count)
        {
            return String(decoding: bytes[..<(count - 11)], as: UTF8.self)
        }
        return model
    }
}
