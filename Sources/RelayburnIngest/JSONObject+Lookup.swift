import RelayburnLedger

extension JSONObject {
    /// The format note's string-field lookup rule (§3): the first non-empty string among `names`; else `""`
    /// when one of them is an empty string; else nil. Aliases exist because newer writers renamed fields.
    func lookupString(_ names: String...) -> String? {
        var sawEmpty = false
        for name in names {
            guard let string = self[name]?.stringValue else { continue }
            if !string.isEmpty { return string }
            sawEmpty = true
        }
        return sawEmpty ? "" : nil
    }

    /// The value under `name` when it is a non-empty string.
    func nonEmptyString(_ name: String) -> String? {
        guard let string = self[name]?.stringValue, !string.isEmpty else { return nil }
        return string
    }

    /// The line's session id by the lookup rule, only when non-empty (most rules require that).
    var lineSessionId: String? {
        guard let id = lookupString("sessionId", "session_id"), !id.isEmpty else { return nil }
        return id
    }

    /// The line's timestamp by the lookup rule, `nil` when absent.
    var lineTimestamp: String? { lookupString("timestamp", "ts") }

    /// Whether the line is on a subagent sidechain; anything but literal `true` is not.
    var isSidechainLine: Bool { self["isSidechain"] == .bool(true) }

    /// Sets `key` only when `value` is present, because records omit unset optional fields.
    mutating func setIfPresent(_ key: String, _ value: JSONValue?) {
        if let value { self[key] = value }
    }

    /// Sets `key` to a string only when present.
    mutating func setIfPresent(_ key: String, _ value: String?) {
        if let value { self[key] = .string(value) }
    }
}

extension JSONValue {
    /// The payload text the note measures (§8.2): a string itself, anything else as compact JSON in its
    /// original key order; `nil` for `null`.
    var measuredText: String? {
        switch self {
        case .null: nil
        case .string(let string): string
        default: compactJSON
        }
    }
}
