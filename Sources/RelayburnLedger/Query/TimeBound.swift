public import RelayburnSchema

/// Parses the CLI's time bounds into the canonical UTC form that `ts` values are compared with (docs/records.md 5).
public enum TimeBound {
    /// Accepts a relative bound (`90m`, `24h`, `7d`: that long before now), a date (`2026-04-20`: its start,
    /// or its last millisecond for an upper bound) or a full timestamp (kept verbatim).
    ///
    /// - Throws: `TimeBoundError` naming the value and the accepted forms.
    public static func parse(_ text: String, isUpperBound: Bool, nowMs: Int64 = UTCTimestamp.nowMilliseconds())
        throws -> String
    {
        if let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0 {
            let unitMs: Int64? =
                switch unit {
                case "m": 60_000
                case "h": 3_600_000
                case "d": 86_400_000
                default: nil
                }
            if let unitMs { return UTCTimestamp.string(fromEpochMilliseconds: nowMs - amount * unitMs) }
        }
        let utf8 = Array(text.utf8)
        if utf8.count == 10, isDate(prefix: utf8) { return text + (isUpperBound ? "T23:59:59.999Z" : "T00:00:00.000Z") }
        if utf8.count > 10, isDate(prefix: utf8), utf8[10] == UInt8(ascii: "T") { return text }
        throw TimeBoundError(value: text)
    }

    private static func isDate(prefix utf8: [UInt8]) -> Bool {
        utf8[4] == UInt8(ascii: "-") && utf8[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { utf8[$0] >= UInt8(ascii: "0") && utf8[$0] <= UInt8(ascii: "9") }
    }
}

/// A time bound in none of the accepted forms.
public struct TimeBoundError: Error, Sendable, CustomStringConvertible {
    public let value: String
    public var description: String {
        "\"\(value)\" is not a time; use a relative time such as 24h or 7d, a date such as 2026-04-20, or a UTC "
            + "timestamp such as 2026-04-20T00:00:00.000Z"
    }
}

extension TimeBoundError: RelayburnError {
    public var errorCode: String { "invalid_time_bound" }
}
