import RelayburnLedger
import RelayburnSchema

/// Lock names of server.md §7: 1–200 characters of `[A-Za-z0-9._:/-]`; anything else is 400 before any SQL.
public enum LockName {
    public static func isValid(_ name: String) -> Bool {
        (1...200).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                Base62.isBase62(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
            }
    }
}

/// A granted lease: `{"token","expiresAt","fence"}`.
public struct LeaseGrant: Sendable, Equatable {
    public var token: String
    /// Milliseconds since the Unix epoch at which the server drops the lease unless renewed.
    public var expiresAtMs: Int64
    /// Grows with every grant of the same name, across replicas: a holder presents it to fence off stale ones.
    public var fence: Int64

    public init(token: String, expiresAtMs: Int64, fence: Int64) {
        self.token = token
        self.expiresAtMs = expiresAtMs
        self.fence = fence
    }

    /// `expiresAt` as an RFC 3339 UTC timestamp with milliseconds, plus `expiresAtMs` for clients that count.
    public var json: String {
        JSONValue.object([
            "token": .string(token), "expiresAt": .string(UTCTimestamp.string(fromEpochMilliseconds: expiresAtMs)),
            "expiresAtMs": .integer(expiresAtMs), "fence": .integer(fence),
        ]).compactJSON
    }

    public init?(json bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes), let token = value["token"]?.stringValue,
            let expires = value["expiresAtMs"]?.integerValue, let fence = value["fence"]?.integerValue
        else { return nil }
        self.init(token: token, expiresAtMs: expires, fence: fence)
    }
}
