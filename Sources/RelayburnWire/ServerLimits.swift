import RelayburnLedger

/// The limits a server enforces and publishes at `GET /v1/limits` (server.md §3).
public struct ServerLimits: Sendable, Equatable {
    /// Largest request body after decompression (413 `body_too_large`).
    public var maxBodyBytes: Int
    /// Most records in one append (413 `too_many_records`).
    public var maxRecords: Int
    /// Longest lease a lock acquire may ask for.
    public var maxLeaseTtlMs: Int64

    public init(maxBodyBytes: Int = 16 << 20, maxRecords: Int = 5_000, maxLeaseTtlMs: Int64 = 300_000) {
        self.maxBodyBytes = maxBodyBytes
        self.maxRecords = maxRecords
        self.maxLeaseTtlMs = maxLeaseTtlMs
    }

    public var json: String {
        JSONValue.object([
            "maxBodyBytes": .integer(Int64(maxBodyBytes)), "maxRecords": .integer(Int64(maxRecords)),
            "maxLeaseTtlMs": .integer(maxLeaseTtlMs),
        ]).compactJSON
    }

    /// Reads a `/v1/limits` body; `nil` when a member is missing or not a positive integer.
    public init?(json bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(bytes), let body = value["maxBodyBytes"]?.integerValue,
            let records = value["maxRecords"]?.integerValue, let ttl = value["maxLeaseTtlMs"]?.integerValue,
            body > 0, records > 0, ttl > 0
        else { return nil }
        self.init(maxBodyBytes: Int(body), maxRecords: Int(records), maxLeaseTtlMs: ttl)
    }
}
