/// The base URL of a relayburn server: `http://` or `https://`, a host, an optional path prefix, no query.
///
/// Messages name the server by ``redacted``, which drops any password given in the URL, as every layer must
/// (STYLE §3).
struct ServerURL: Sendable, Equatable {
    /// The URL without a trailing slash, to which `/v1/...` paths are appended.
    let base: String
    /// ``base`` with `user:password@` reduced to `user:***@`.
    let redacted: String

    /// Checks and normalises `text`.
    ///
    /// - Throws: ``HTTPStoreError`` `invalidURL` naming the redacted URL and what is wrong.
    init(_ text: String) throws(HTTPStoreError) {
        let redacted = Self.redact(text)
        func refuse(_ reason: String) -> HTTPStoreError {
            HTTPStoreError(
                .invalidURL,
                "the relayburn server URL \"\(redacted)\" \(reason); use http://HOST[:PORT] or https://HOST[:PORT]")
        }
        let lowered = text.lowercased()
        guard let schemeEnd = text.firstRange(of: "://")?.upperBound,
            lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
        else { throw refuse("is not an http or https URL") }
        let rest = text[schemeEnd...]
        guard !rest.contains("?"), !rest.contains("#") else { throw refuse("has a query or fragment") }
        guard !rest.contains(where: \.isWhitespace) else { throw refuse("contains whitespace") }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let hostAndPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        guard !hostAndPort.isEmpty, !hostAndPort.hasPrefix(":") else { throw refuse("has no host") }
        if let colon = hostAndPort.lastIndex(of: ":"), !hostAndPort.hasSuffix("]") {
            let port = hostAndPort[hostAndPort.index(after: colon)...]
            guard let number = Int(port), (1...65_535).contains(number) else { throw refuse("has an invalid port") }
        }
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        var shown = redacted
        while shown.hasSuffix("/") { shown.removeLast() }
        self.redacted = shown
    }

    /// `text` with the password of any `user:password@` removed.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.firstRange(of: "://")?.upperBound else { return text }
        let rest = text[schemeEnd...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        let user = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let hidden = credentials.contains(":") ? ":***" : ""
        return String(text[..<schemeEnd]) + user + hidden + String(rest[at...])
    }
}
