public import RelayburnLedger

/// The opaque `after=` token of server.md §6: a ``StreamCursor`` as base64url of a small JSON array, so any
/// `ts`, session id or record id survives a query string unchanged.
public enum CursorToken {
    public static func encode(_ cursor: StreamCursor) -> String {
        let array: JSONValue = [
            .string(cursor.ts), .string(cursor.sessionId), .integer(cursor.turnIndex), .string(cursor.id),
        ]
        return Base64URL.encode(Array(array.compactJSON.utf8))
    }

    /// The cursor a token names, or `nil` for anything this module did not produce.
    public static func decode(_ token: String) -> StreamCursor? {
        guard let bytes = Base64URL.decode(token), let value = try? JSONValue.parse(bytes),
            let parts = value.arrayValue, parts.count == 4, let ts = parts[0].stringValue,
            let sessionId = parts[1].stringValue, let turnIndex = parts[2].integerValue, let id = parts[3].stringValue
        else { return nil }
        return StreamCursor(ts: ts, sessionId: sessionId, turnIndex: turnIndex, id: id)
    }
}
