import RelayburnLedger
import RelayburnSchema

/// One access-log line (server.md §9): never the key, only its name; never a body.
struct AccessLogLine: Sendable {
    let ts = UTCTimestamp.now()
    let requestId: String
    let method: String
    let remote: String?
    var route = ""
    var status = 0
    var durationMs: Int64 = 0
    var bytesIn: Int?
    var bytesInDecompressed: Int?
    var bytesOut = 0
    var received: Int?
    var inserted: Int?
    var key: String?
    /// A stream that ended without its terminating chunk.
    var aborted = false

    init(requestId: String, method: String, remote: String?) {
        self.requestId = requestId
        self.method = method
        self.remote = remote
    }

    var json: String {
        var object: JSONObject = [
            "ts": .string(ts), "requestId": .string(requestId), "method": .string(method), "route": .string(route),
            "status": .integer(Int64(status)), "durationMs": .integer(durationMs),
            "bytesOut": .integer(Int64(bytesOut)),
        ]
        if let bytesIn { object["bytesIn"] = .integer(Int64(bytesIn)) }
        if let bytesInDecompressed { object["bytesInDecompressed"] = .integer(Int64(bytesInDecompressed)) }
        if let received { object["received"] = .integer(Int64(received)) }
        if let inserted { object["inserted"] = .integer(Int64(inserted)) }
        object["key"] = key.map(JSONValue.string) ?? .null
        object["remote"] = remote.map(JSONValue.string) ?? .null
        if aborted { object["aborted"] = true }
        return JSONValue.object(object).compactJSON
    }
}
