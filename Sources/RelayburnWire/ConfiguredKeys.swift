import RelayburnSchema
/// One key the server accepts: its name, scopes and the SHA-256 of the key (never the key itself).
public struct AcceptedKey: Sendable, Hashable {
    public var name: String
    public var scopes: Set<APIKeyScope>
    /// Lowercase hex SHA-256 of the key.
    public var digest: String

    public init(name: String, scopes: Set<APIKeyScope>, digest: String) {
        self.name = name
        self.scopes = scopes
        self.digest = digest
    }
}

/// Parses `RELAYBURN_API_KEYS` (server.md §5): comma-separated entries, each a raw key or `sha256:<64 hex>`,
/// optionally named and scoped as `NAME[:SCOPES]=KEY` (`ci:write=rbk_…`, `dash:read=sha256:…`). No scope means
/// every scope; an unnamed entry is called `env-N` after its position.
public enum ConfiguredKeys {
    /// The keys, hashed.
    ///
    /// - Throws: ``ConfiguredKeysError`` naming the entry's position (never its key) and what is wrong.
    public static func parse(_ text: String) throws(ConfiguredKeysError) -> [AcceptedKey] {
        var keys: [AcceptedKey] = []
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters()
        }
        for (offset, entry) in entries.enumerated() where !entry.isEmpty {
            let position = offset + 1
            var name = "env-\(position)"
            var scopes = Set(APIKeyScope.allCases)
            var secret = Substring(entry)
            if let equals = entry.firstIndex(of: "=") {
                let label = entry[..<equals]
                secret = entry[entry.index(after: equals)...]
                let parts = label.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let first = parts.first, isValidName(first) else {
                    throw ConfiguredKeysError(
                        "RELAYBURN_API_KEYS entry \(position) has an invalid name; names are 1-64 characters of "
                            + "A-Z a-z 0-9 . _ -")
                }
                name = String(first)
                if parts.count == 2 {
                    guard let parsed = APIKeyScope.parseList(parts[1]) else {
                        throw ConfiguredKeysError(
                            "RELAYBURN_API_KEYS entry \(position) (\(name)) has scope \"\(parts[1])\"; use read, "
                                + "write, admin or a +-joined list")
                    }
                    scopes = parsed
                }
            }
            guard !secret.isEmpty else {
                throw ConfiguredKeysError("RELAYBURN_API_KEYS entry \(position) (\(name)) has no key after \"=\"")
            }
            let digest: String
            if secret.hasPrefix("sha256:") {
                let hex = secret.dropFirst("sha256:".count).lowercased()
                guard hex.utf8.count == 64, hex.utf8.allSatisfy({ isHexDigit($0) }) else {
                    throw ConfiguredKeysError(
                        "RELAYBURN_API_KEYS entry \(position) (\(name)) is sha256: but not 64 hex digits")
                }
                digest = hex
            } else {
                digest = APIKey.digest(String(secret))
            }
            guard !keys.contains(where: { $0.name == name }) else {
                throw ConfiguredKeysError("RELAYBURN_API_KEYS names \(name) twice; give each key its own name")
            }
            keys.append(AcceptedKey(name: name, scopes: scopes, digest: digest))
        }
        return keys
    }

    /// Key names: 1–64 characters of `[A-Za-z0-9._-]`, so they are safe in logs and metric labels.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy {
                Base62.isBase62($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
                    || $0 == UInt8(ascii: "-")
            }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }
}

/// A malformed `RELAYBURN_API_KEYS`.
public struct ConfiguredKeysError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
