import RelayburnLedger

/// The state of one parse: fed lines in file order, then finished into records.
///
/// Records are kept as wire-shaped JSON objects until ``finish()``, because several fields are only known
/// later (a user turn's following message, an event's agentId, provenance stamps).
struct TranscriptExtraction {
    /// A record under construction with the line it came from (for ordering and error reports).
    struct Draft {
        var object: JSONObject
        let line: Int
        /// Byte offset of the source line's first byte, which decides whether an incremental pass emits it.
        let offset: Int
    }

    /// A content record with its sort key: source line, then user before assistant, then emission order.
    struct ContentDraft {
        let object: JSONObject
        let line: Int
        let offset: Int
        let rank: Int
        let sequence: Int
    }

    static let source = "claude-code"

    let fileSessionId: String?
    let contentMode: ContentCaptureMode
    let sessionPath: String?

    var evidence: SessionEvidence
    var pendingTurns: [PendingTurn] = []
    var turnPositions: [String: Int] = [:]
    var userTurns: [Draft] = []
    /// Index into `userTurns` of the user turn waiting for the next new message id.
    var awaitingFollower: Int?
    var lastAssistantMessageId: String?
    var events: [Draft] = []
    var callIndexes: [String: Int64] = [:]
    var compactions: [Draft] = []
    var relationships: [Draft] = []
    var relationshipKeys: Set<String> = []
    var content: [ContentDraft] = []
    var erroredToolUseIds: Set<String> = []
    var resolver = SubagentResolver()
    /// nil when project keys are not looked up (they read the file system).
    var projectKeys: ProjectKeyResolver?
    var sawFirstMainUserLine = false
    /// Lines (and, from a parser bug, records) that were skipped, with their source offset.
    var malformedLines: [(line: Int, offset: Int, reason: String)] = []
    /// Byte offset of the line being consumed.
    var currentOffset = 0
    /// Offset of the line carrying the `/resume` marker, which an incremental pass must have passed to emit its row.
    var resumeMarkerOffset: Int?
    /// Every `tool_use_id` a tool_result answered: a turn whose calls are unanswered may still change (isError).
    var answeredToolUseIds: Set<String> = []

    init(fileSessionId: String?, contentMode: ContentCaptureMode, sessionPath: String?, resolvesProjectKeys: Bool) {
        self.fileSessionId = fileSessionId
        self.contentMode = contentMode
        self.sessionPath = sessionPath
        projectKeys = resolvesProjectKeys ? ProjectKeyResolver() : nil
        evidence = SessionEvidence(fileSessionId: fileSessionId)
    }

    /// Processes one parsed line.
    mutating func consume(_ line: JSONObject, number: Int, offset: Int) {
        currentOffset = offset
        switch line["type"]?.stringValue {
        case "assistant":
            noteConversationLine(line, number: number)
            consumeAssistant(line, number: number)
        case "user":
            noteConversationLine(line, number: number)
            consumeUser(line, number: number)
        case "system":
            consumeSystem(line, number: number)
        default:
            // summary, file-history-snapshot, permission-mode, queue-operation…: nothing to extract.
            break
        }
    }

    private mutating func consumeAssistant(_ line: JSONObject, number: Int) {
        guard let message = line["message"]?.objectValue, let messageId = message["id"]?.stringValue else { return }
        if let uuid = line["uuid"]?.stringValue {
            resolver.registerAssistant(uuid: uuid, envelope: line, content: message["content"]?.arrayValue ?? [])
        }
        if let position = turnPositions[messageId] {
            pendingTurns[position].merge(envelope: line, message: message)
        } else {
            turnPositions[messageId] = pendingTurns.count
            pendingTurns.append(
                PendingTurn(
                    messageId: messageId, line: number, offset: currentOffset, envelope: line, message: message))
            // Only a new message links: a continuation line of a known message fed no user turn.
            if let waiting = awaitingFollower {
                userTurns[waiting].object["followingMessageId"] = .string(messageId)
                awaitingFollower = nil
            }
        }
        lastAssistantMessageId = messageId
    }

    private mutating func consumeSystem(_ line: JSONObject, number: Int) {
        consumeSubagentNotification(line, number: number)
        guard line["subtype"]?.stringValue == "compact_boundary", let sessionId = line.lineSessionId else { return }
        var object: JSONObject = [
            "v": 1, "source": .string(Self.source), "sessionId": .string(sessionId),
            "ts": .string(line.lineTimestamp ?? ""),
        ]
        // tokensBeforeCompact is filled in by finish(), once the preceding turn's usage is final.
        object.setIfPresent("precedingMessageId", lastAssistantMessageId)
        compactions.append(Draft(object: object, line: number, offset: currentOffset))
    }

    /// The next per-tool-use `callIndex`, counting every event of that id in the file.
    mutating func nextCallIndex(_ toolUseId: String) -> Int64 {
        let index = callIndexes[toolUseId, default: 0]
        callIndexes[toolUseId] = index + 1
        return index
    }

    /// Adds a relationship row unless one with the same identity key was already emitted for this file.
    mutating func appendRelationship(_ object: JSONObject, line: Int, offset: Int) {
        let key = [
            "source", "sessionId", "relationshipType", "relatedSessionId", "agentId", "parentToolUseId",
        ].map { object[$0]?.stringValue ?? "" }.joined(separator: "|")
        guard relationshipKeys.insert(key).inserted else { return }
        relationships.append(Draft(object: object, line: line, offset: offset))
    }

    /// Adds a content record when content is captured in full.
    mutating func appendContent(_ object: JSONObject, line: Int, offset: Int, isUser: Bool) {
        guard contentMode == .full else { return }
        content.append(
            ContentDraft(object: object, line: line, offset: offset, rank: isUser ? 0 : 1, sequence: content.count))
    }
}
