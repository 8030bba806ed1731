public import RelayburnLedger

/// The query string of a `/v1` read (server.md §1) and its ``LedgerQuery``: what the http adapter writes and the
/// server reads back, so both ends agree on every filter's spelling.
public enum QueryString {
    /// The filter parameters every read accepts.
    public static let filterNames: Set<String> = [
        "since", "until", "project", "sessionId", "source", "after", "includeTwins", "enrichment",
    ]

    /// `since=…&until=…&…` for `query` (without a leading `?`; empty when no filter is set), plus `extra`.
    public static func encode(_ query: LedgerQuery, extra: [(String, String)] = []) -> String {
        var pairs: [(String, String)] = []
        if let since = query.since { pairs.append(("since", since)) }
        if let until = query.until { pairs.append(("until", until)) }
        if let project = query.project { pairs.append(("project", project)) }
        if let sessionId = query.sessionId { pairs.append(("sessionId", sessionId)) }
        if let source = query.source { pairs.append(("source", source)) }
        if query.includeTwins { pairs.append(("includeTwins", "true")) }
        for (key, value) in query.enrichment.sorted(by: { $0.key < $1.key }) {
            pairs.append(("enrichment", "\(key)=\(value)"))
        }
        if let after = query.after { pairs.append(("after", CursorToken.encode(after))) }
        pairs.append(contentsOf: extra)
        return pairs.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
    }

    /// The decoded `name=value` pairs of a raw query string, in order.
    ///
    /// - Throws: ``QueryStringError`` for a broken percent escape or invalid UTF-8.
    public static func pairs(_ raw: String) throws(QueryStringError) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for part in raw.split(separator: "&") where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(pieces[0]),
                let value = PercentEncoding.decode(pieces.count == 2 ? pieces[1] : "")
            else {
                throw QueryStringError("the query string has a broken percent escape or invalid UTF-8")
            }
            result.append((name, value))
        }
        return result
    }

    /// The ``LedgerQuery`` of `pairs`, refusing any parameter outside ``filterNames`` and `extraNames`.
    ///
    /// - Throws: ``QueryStringError`` naming the parameter at fault.
    public static func ledgerQuery(
        _ pairs: [(name: String, value: String)], extraNames: Set<String> = []
    ) throws(QueryStringError) -> LedgerQuery {
        var query = LedgerQuery()
        var enrichment: [String: String] = [:]
        var seen: Set<String> = []
        for (name, value) in pairs {
            guard filterNames.contains(name) || extraNames.contains(name) else {
                let accepted = (filterNames.union(extraNames)).sorted().joined(separator: ", ")
                throw QueryStringError("unknown query parameter \(echo(name)); accepted: \(accepted)")
            }
            if name != "enrichment" {
                guard seen.insert(name).inserted else {
                    throw QueryStringError("query parameter \(echo(name)) is given twice")
                }
            }
            switch name {
            case "since": query.since = value.isEmpty ? nil : value
            case "until": query.until = value.isEmpty ? nil : value
            case "project": query.project = value.isEmpty ? nil : value
            case "sessionId": query.sessionId = value.isEmpty ? nil : value
            case "source": query.source = value.isEmpty ? nil : value
            case "includeTwins":
                switch value {
                case "true", "1": query.includeTwins = true
                case "false", "0", "": query.includeTwins = false
                default: throw QueryStringError("includeTwins is \(echo(value)); use true or false")
                }
            case "enrichment":
                guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                    throw QueryStringError("enrichment \(echo(value)) is not KEY=VALUE")
                }
                enrichment[String(value[..<equals])] = String(value[value.index(after: equals)...])
            case "after":
                guard let cursor = CursorToken.decode(value) else {
                    throw QueryStringError("after is not a cursor this server issued; resume from a record's cursor")
                }
                query.after = cursor
            default: break
            }
        }
        query.enrichment = enrichment
        return query
    }

    /// `text` as an error message quotes it: printable ASCII only, at most 64 characters (then "…"), so a client
    /// cannot make the server echo megabytes or control characters back into its logs and replies.
    public static func echo(_ text: String) -> String {
        let printable = text.unicodeScalars.filter { (0x20...0x7E).contains($0.value) && $0 != "\"" }
        let shown = String(String.UnicodeScalarView(printable.prefix(64)))
        return "\"" + shown + (printable.count > 64 || printable.count < text.unicodeScalars.count ? "…\"" : "\"")
    }

    /// The value of `name` in `pairs`, if present.
    public static func value(_ name: String, in pairs: [(name: String, value: String)]) -> String? {
        pairs.first(where: { $0.name == name })?.value
    }
}

/// A query string the server cannot read; answered with 400 `invalid_query`.
public struct QueryStringError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
