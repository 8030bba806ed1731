/// Where records live, resolved once from `--store` or the environment (DESIGN §3).
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    /// The connection string exactly as the user gave it; libpq parses it.
    case postgres(conninfo: String)
    case http(baseURL: String)
    case memory

    /// A printable form with any password removed, for messages and progress lines.
    public var redactedDescription: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let conninfo): "postgres (\(Self.redact(conninfo)))"
        case .http(let url): Self.redact(url)
        case .memory: "memory:"
        }
    }

    /// Drops `user:password@` credentials from a URL and `password=` from a key=value string.
    static func redact(_ text: String) -> String {
        if let schemeEnd = text.firstRange(of: "://")?.upperBound {
            let rest = text[schemeEnd...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                let credentials = rest[..<at]
                let user = credentials.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                return String(text[..<schemeEnd]) + user + (credentials.contains(":") ? ":***" : "")
                    + String(rest[at...])
            }
            return text
        }
        return text.split(separator: " ").map { part in
            part.hasPrefix("password=") ? "password=***" : String(part)
        }.joined(separator: " ")
    }
}
