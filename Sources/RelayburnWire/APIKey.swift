import CZlib
import RelayburnSchema

/// The API key format of server.md §5: `rbk_`, 43 random Base62 characters (256 bits), and 6 Base62 characters
/// of the CRC32 of everything before them, so a mistyped key is caught before any lookup.
public enum APIKey {
    public static let scheme = "rbk_"
    static let bodyLength = 43
    static let checksumLength = 6

    /// A new random key.
    public static func generate() -> String {
        let body = scheme + Base62.random(count: bodyLength)
        return body + checksum(of: body)
    }

    /// Whether `key` has the shape and checksum of a relayburn key.
    public static func isWellFormed(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count == scheme.utf8.count + bodyLength + checksumLength, key.hasPrefix(scheme) else {
            return false
        }
        guard bytes.dropFirst(scheme.utf8.count).allSatisfy(Base62.isBase62) else { return false }
        let body = String(decoding: bytes.dropLast(checksumLength), as: UTF8.self)
        return String(decoding: bytes.suffix(checksumLength), as: UTF8.self) == checksum(of: body)
    }

    /// The lowercase hex SHA-256 of the key: all a server keeps of it.
    public static func digest(_ key: String) -> String { SHA256.hexDigest(key) }

    /// The first characters of a key, shown by `keys list` so an operator can tell keys apart.
    public static func displayPrefix(_ key: String) -> String { String(key.prefix(scheme.count + 8)) }

    static func checksum(of body: String) -> String {
        let crc = Array(body.utf8).withUnsafeBufferPointer { buffer in
            crc32(0, buffer.baseAddress, uInt(buffer.count))
        }
        return Base62.encode(UInt64(crc), width: checksumLength)
    }
}

/// What a key may do (server.md §5): `read` every GET, `write` appends and locks, `admin` everything.
public enum APIKeyScope: String, Sendable, Hashable, CaseIterable, Comparable {
    case read, write, admin

    public static func < (left: APIKeyScope, right: APIKeyScope) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// Whether a key holding `scopes` may do what needs `self`; `admin` implies the others.
    public func isGranted(by scopes: Set<APIKeyScope>) -> Bool {
        scopes.contains(self) || scopes.contains(.admin)
    }

    /// Parses `read`, `write+read`, `admin`, …; `nil` for an unknown or empty scope.
    public static func parseList(_ text: some StringProtocol) -> Set<APIKeyScope>? {
        var scopes: Set<APIKeyScope> = []
        for part in text.split(separator: "+", omittingEmptySubsequences: false) {
            guard let scope = APIKeyScope(rawValue: String(part)) else { return nil }
            scopes.insert(scope)
        }
        return scopes.isEmpty ? nil : scopes
    }

    /// `read+write` and so on, in a fixed order.
    public static func format(_ scopes: Set<APIKeyScope>) -> String {
        scopes.sorted().map(\.rawValue).joined(separator: "+")
    }
}

extension APIKey {
    /// `count` random Base62 characters: lease tokens, request ids.
    public static func randomToken(count: Int) -> String { Base62.random(count: count) }
}
