import RelayburnLedger

/// The assistant lines of one API message, merged as the format note §5.2 prescribes.
///
/// Claude Code writes one line per content block, so a message is only complete once all its lines are read.
struct PendingTurn {
    let messageId: String
    /// Line number of the message's first line; orders its content records.
    let line: Int
    /// Byte offset of the first line: where an incremental pass resumes if the message is not final yet.
    let offset: Int
    let ts: String
    let sessionId: String
    let cwd: String?
    /// `uuid` of the first line, where subagent resolution starts.
    let firstUuid: String?
    var model: String
    var isSidechain: Bool
    var stopReason: String?
    var blocks: [JSONValue] = []
    /// Taken whole from the last line carrying a usage object; streamed lines may carry partial counters.
    var usage: JSONObject?
    var coverage = ClaudeUsage.Coverage()
    var requestId: String?

    init(messageId: String, line: Int, offset: Int, envelope: JSONObject, message: JSONObject) {
        self.messageId = messageId
        self.line = line
        self.offset = offset
        ts = envelope.lineTimestamp ?? ""
        sessionId = envelope.lookupString("sessionId", "session_id") ?? ""
        cwd = envelope["cwd"]?.stringValue
        firstUuid = envelope["uuid"]?.stringValue
        model = message["model"]?.stringValue ?? ""
        isSidechain = false
        merge(envelope: envelope, message: message)
    }

    /// Whether later lines can no longer change this turn: it has a stop reason and, when `answered` is given,
    /// every tool call it made has its result (an unanswered call's `isError` is still unknown).
    func isFinal(answered: Set<String>?) -> Bool {
        guard stopReason != nil else { return false }
        guard let answered else { return true }
        for case .object(let block) in blocks where block["type"]?.stringValue == "tool_use" {
            if let id = block["id"]?.stringValue, !answered.contains(id) { return false }
        }
        return true
    }

    /// Folds one more line of the same message into the turn.
    mutating func merge(envelope: JSONObject, message: JSONObject) {
        if model.isEmpty, let later = message.nonEmptyString("model") { model = later }
        if envelope.isSidechainLine { isSidechain = true }
        // A null stop_reason is a streaming placeholder and must not clear a final value.
        if let reason = message["stop_reason"]?.stringValue { stopReason = reason }
        if let content = message["content"]?.arrayValue { blocks.append(contentsOf: content) }
        // Only an object replaces usage: the Rust port's zeroing on `"usage": null` is a quirk to avoid.
        if let lineUsage = message["usage"]?.objectValue {
            usage = lineUsage
            coverage.formUnion(ClaudeUsage.Coverage(lineUsage))
        }
        if requestId == nil, let id = envelope.nonEmptyString("requestId") { requestId = id }
    }
}
