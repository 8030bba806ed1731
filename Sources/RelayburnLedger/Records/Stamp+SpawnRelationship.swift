extension Stamp {
    /// The `spawn-env` relationship a stamp records (docs/records.md section 6): present when the selector names a
    /// session and the enrichment carries a non-empty `parentAgentId`.
    public var spawnEnvRelationship: SessionRelationshipRecord? {
        let values = Dictionary(enrichment.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        guard let session = selector.sessionId, !session.isEmpty, let parent = values["parentAgentId"], !parent.isEmpty
        else { return nil }
        var object: JSONObject = [
            "v": .integer(1), "source": .string("spawn-env"), "sessionId": .string(session),
            "relatedSessionId": .string(parent), "relationshipType": .string("subagent"), "ts": .string(ts),
        ]
        if let agent = values["agentId"], !agent.isEmpty { object["agentId"] = .string(agent) }
        // Built from validated strings, so it always validates; a failure here would be a bug in this function.
        return try? SessionRelationshipRecord.validate(.object(object), index: 0)
    }
}
