public import RelayburnLedger

/// The error body of server.md §4: `{"error":{"code","message","requestId",…}}`.
///
/// Messages are one sentence and never hold a key, a request body or SQL.
public struct WireError: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var message: String
    /// Further members of the error object (`index`, `kind`, `field`, `limit`, `holder`).
    public var details: JSONObject
    /// Seconds for `Retry-After` on 503 and 429.
    public var retryAfterSeconds: Int?

    public init(
        status: Int, code: String, message: String, details: JSONObject = [:], retryAfterSeconds: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The JSON body, with the request's id.
    public func body(requestId: String) -> String {
        var error: JSONObject = ["code": .string(code), "message": .string(message), "requestId": .string(requestId)]
        for (key, value) in details.entries where error[key] == nil { error[key] = value }
        return JSONValue.object(["error": .object(error)]).compactJSON + "\n"
    }

    /// The code and message of an error body a server sent, when it is one.
    public static func parse(status: Int, body: [UInt8]) -> WireError? {
        guard let value = try? JSONValue.parse(body), let error = value["error"]?.objectValue,
            let code = error["code"]?.stringValue
        else { return nil }
        var details = error
        details["code"] = nil
        details["message"] = nil
        details["requestId"] = nil
        return WireError(
            status: status, code: code, message: error["message"]?.stringValue ?? code, details: details)
    }
}

extension WireError {
    public static func invalidJSON(_ message: String) -> WireError {
        WireError(status: 400, code: "invalid_json", message: message)
    }
    public static func invalidQuery(_ message: String) -> WireError {
        WireError(status: 400, code: "invalid_query", message: message)
    }
    public static func notFound(_ message: String = "no such route") -> WireError {
        WireError(status: 404, code: "not_found", message: message)
    }
    public static let unauthorized = WireError(
        status: 401, code: "unauthorized",
        message: "a valid API key is required: send Authorization: Bearer <key>")
    public static func insufficientScope(_ needed: APIKeyScope) -> WireError {
        WireError(
            status: 403, code: "insufficient_scope", message: "this key lacks the \(needed.rawValue) scope",
            details: ["scope": .string(needed.rawValue)])
    }
    public static func bodyTooLarge(limit: Int) -> WireError {
        WireError(
            status: 413, code: "body_too_large",
            message: "the request body is larger than \(limit) bytes after decompression; send smaller batches",
            details: ["limit": .integer(Int64(limit))])
    }
    public static func tooManyRecords(limit: Int) -> WireError {
        WireError(
            status: 413, code: "too_many_records",
            message: "the request holds more than \(limit) records; send smaller batches",
            details: ["limit": .integer(Int64(limit))])
    }
    public static func storeUnavailable(_ message: String) -> WireError {
        WireError(status: 503, code: "store_unavailable", message: message, retryAfterSeconds: 1)
    }
    public static let shuttingDown = WireError(
        status: 503, code: "shutting_down", message: "the server is shutting down; retry on another replica",
        retryAfterSeconds: 1)
    public static let internalError = WireError(
        status: 500, code: "internal", message: "the server failed unexpectedly; the request id is in its log")

    /// A 400 `invalid_record` naming the first bad record and its field.
    public static func invalidRecord(_ error: RecordError, index: Int? = nil) -> WireError {
        WireError(
            status: 400, code: "invalid_record", message: error.description,
            details: [
                "index": .integer(Int64(index ?? error.index)), "kind": .string(error.kind.rawValue),
                "field": .string(error.field),
            ])
    }
}
