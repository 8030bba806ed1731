extension Stamp {
    /// A stamp that labels the turns of a session, or of one message, with `labels` in the order given.
    ///
    /// - Parameters:
    ///   - sessionId: The session whose turns are labelled.
    ///   - messageId: Only the turn of this message, when given.
    ///   - labels: Keys and values; a later duplicate key wins, as in folding.
    ///   - ts: When the stamp was made (its folding order).
    /// - Throws: ``RecordError`` when the result breaks the stamp contract (e.g. an empty session id).
    public static func labelling(
        sessionId: String, messageId: String?, labels: [(key: String, value: String)], ts: String
    ) throws(RecordError) -> Stamp {
        var enrichment = JSONObject()
        for (key, value) in labels { enrichment[key] = .string(value) }
        var selector: JSONObject = ["sessionId": .string(sessionId)]
        if let messageId { selector["messageId"] = .string(messageId) }
        let object: JSONObject = [
            "v": .integer(1), "kind": .string("stamp"), "ts": .string(ts), "selector": .object(selector),
            "enrichment": .object(enrichment),
        ]
        return try validate(.object(object), index: 0)
    }
}
