/// Token counts of a turn or event; all six keys are required non-negative integers.
///
/// A `0` can mean "reported zero" or "not reported"; only ``Coverage`` tells them apart.
public struct Usage: Sendable, Hashable {
    public var input: Int64
    public var output: Int64
    public var reasoning: Int64
    public var cacheRead: Int64
    public var cacheCreate5m: Int64
    public var cacheCreate1h: Int64

    /// Creates usage counts.
    public init(
        input: Int64, output: Int64, reasoning: Int64, cacheRead: Int64, cacheCreate5m: Int64, cacheCreate1h: Int64
    ) {
        self.input = input
        self.output = output
        self.reasoning = reasoning
        self.cacheRead = cacheRead
        self.cacheCreate5m = cacheCreate5m
        self.cacheCreate1h = cacheCreate1h
    }

    /// The counts as the JSON object the wire format uses, keys in the documented order.
    public var jsonObject: JSONObject {
        [
            "input": .integer(input), "output": .integer(output), "reasoning": .integer(reasoning),
            "cacheRead": .integer(cacheRead), "cacheCreate5m": .integer(cacheCreate5m),
            "cacheCreate1h": .integer(cacheCreate1h),
        ]
    }

    static func read(_ reader: FieldReader) throws(RecordError) -> Usage {
        Usage(
            input: try reader.count("input"), output: try reader.count("output"),
            reasoning: try reader.count("reasoning"), cacheRead: try reader.count("cacheRead"),
            cacheCreate5m: try reader.count("cacheCreate5m"), cacheCreate1h: try reader.count("cacheCreate1h"))
    }
}
