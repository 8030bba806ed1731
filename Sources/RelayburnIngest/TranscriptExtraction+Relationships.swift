import RelayburnLedger

extension TranscriptExtraction {
    /// Wire key order of relationship rows (docs/records.md §2.5); stamps added late are put back in place.
    static let relationshipKeyOrder = [
        "v", "source", "sessionId", "relatedSessionId", "relationshipType", "ts", "sourceSessionId", "sourceVersion",
        "parentToolUseId", "agentId", "subagentType", "description",
    ]

    /// Collects evidence and emits root and explicit fork/continuation rows for a user or assistant line
    /// (§11.2, §11.4, §11.7).
    mutating func noteConversationLine(_ line: JSONObject, number: Int) {
        if let uuid = line.nonEmptyString("uuid") { evidence.seenUuids.append(uuid) }
        let version = line.lookupString("version", "sourceVersion", "source_version")
        if evidence.sourceVersion == nil, let version, !version.isEmpty { evidence.sourceVersion = version }
        guard let sessionId = line.lineSessionId else { return }
        if !evidence.inLogSessionIds.contains(sessionId) { evidence.inLogSessionIds.append(sessionId) }
        let ts = line.lineTimestamp
        if evidence.firstTs == nil, let ts, !ts.isEmpty { evidence.firstTs = ts }

        // Relationships describe the file's session; the in-log id stands in only when the file name is unknown.
        let session = fileSessionId ?? sessionId
        var root: JSONObject = ["v": 1, "source": .string(Self.source), "sessionId": .string(session)]
        root["relationshipType"] = "root"
        if let ts, !ts.isEmpty { root["ts"] = .string(ts) }
        appendRelationship(root, line: number, offset: currentOffset)

        let explicit: [(type: String, target: String?)] = [
            ("fork", line.lookupString("forkSessionId", "fork_session_id")),
            ("continuation", line.lookupString("continuedFromSessionId", "continued_from_session_id")),
        ]
        for (type, target) in explicit {
            guard let target, !target.isEmpty, target != session else { continue }
            if type == "fork" {
                if !evidence.forkTargets.contains(target) { evidence.forkTargets.append(target) }
            } else if !evidence.continuationTargets.contains(target) {
                evidence.continuationTargets.append(target)
            }
            var row: JSONObject = [
                "v": 1, "source": .string(Self.source), "sessionId": .string(session),
                "relatedSessionId": .string(target), "relationshipType": .string(type),
            ]
            row.setIfPresent("ts", ts)
            if let sourceSession = line.lookupString("sourceSessionId", "source_session_id"), !sourceSession.isEmpty {
                row["sourceSessionId"] = .string(sourceSession)
            }
            if let version, !version.isEmpty { row["sourceVersion"] = .string(version) }
            appendRelationship(row, line: number, offset: currentOffset)
        }
    }

    /// Records a `/resume` or `/continue` marker (§11.5): the command must be a whole word, as the Rust port
    /// (and this note's **Adopt:**) requires, so `/resumed` does not count.
    mutating func noteResumeMarker(_ text: String?) {
        guard let text else { return }
        let trimmed = text.drop(while: \.isWhitespace)
        guard trimmed.first == "/" else { return }
        let words = trimmed.dropFirst().split(
            maxSplits: 2, omittingEmptySubsequences: true, whereSeparator: \.isWhitespace)
        // The word must start right after the slash: "/ resume" is not a command.
        guard let word = words.first, trimmed.dropFirst().first?.isWhitespace == false,
            ["resume", "continue"].contains(word.lowercased())
        else { return }
        evidence.hasResumeMarker = true
        if resumeMarkerOffset == nil { resumeMarkerOffset = currentOffset }
        if evidence.resumeTarget == nil, words.count > 1 { evidence.resumeTarget = String(words[1]) }
    }

    /// Rows produced after all lines are read: the `/resume` continuation (§11.5) and subagent rows (§11.3),
    /// then provenance stamps on every row (§11.6).
    mutating func finishRelationships(turns: [JSONObject]) {
        if let fileSessionId, evidence.hasResumeMarker {
            var row: JSONObject = ["v": 1, "source": .string(Self.source), "sessionId": .string(fileSessionId)]
            row.setIfPresent("relatedSessionId", evidence.resumeTarget)
            row["relationshipType"] = "continuation"
            row.setIfPresent("ts", evidence.firstTs)
            appendRelationship(row, line: 0, offset: resumeMarkerOffset ?? 0)
        }
        var seenAgents: Set<String> = []
        for (turn, pending) in zip(turns, pendingTurns) {
            guard let subagent = turn["subagent"]?.objectValue, let agentId = subagent["agentId"]?.stringValue,
                seenAgents.insert(agentId).inserted
            else { continue }
            // "native-claude" marks rows derived from Claude's own sidechain structure.
            var row: JSONObject = ["v": 1, "source": "native-claude", "sessionId": turn["sessionId"] ?? ""]
            row.setIfPresent("relatedSessionId", subagent["parentAgentId"])
            row["relationshipType"] = "subagent"
            if let ts = turn["ts"]?.stringValue, !ts.isEmpty { row["ts"] = .string(ts) }
            row.setIfPresent("parentToolUseId", subagent["parentToolUseId"])
            row["agentId"] = .string(agentId)
            row.setIfPresent("subagentType", subagent["subagentType"])
            row.setIfPresent("description", subagent["description"])
            appendRelationship(row, line: pending.line, offset: pending.offset)
        }

        let foreignSession = fileSessionId.flatMap { file in evidence.inLogSessionIds.first { $0 != file } }
        for index in relationships.indices {
            var row = relationships[index].object
            if row["sourceSessionId"] == nil { row.setIfPresent("sourceSessionId", foreignSession) }
            if row["sourceVersion"] == nil { row.setIfPresent("sourceVersion", evidence.sourceVersion) }
            relationships[index].object = Self.reordered(row, Self.relationshipKeyOrder)
        }
    }

    /// `object` with `order`'s keys first, in that order, then any others.
    static func reordered(_ object: JSONObject, _ order: [String]) -> JSONObject {
        var result = JSONObject()
        for key in order { result.setIfPresent(key, object[key]) }
        for entry in object.entries where result[entry.key] == nil { result[entry.key] = entry.value }
        return result
    }
}
