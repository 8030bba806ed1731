import RelayburnLedger

extension TranscriptExtraction {
    /// A `system` line reporting a subagent's progress or end becomes a tool-result event (§8.3).
    mutating func consumeSubagentNotification(_ line: JSONObject, number: Int) {
        guard let sessionId = line.lineSessionId,
            let toolUseId = Self.firstNonEmpty(
                line, "parent_tool_use_id", "parentToolUseId", "parentToolUseID", "tool_use_id", "toolUseId")
        else { return }
        let agentId = Self.firstNonEmpty(line, "agent_id", "agentId")
        let subagentSessionId = Self.firstNonEmpty(line, "subagent_session_id", "subagentSessionId")
        guard agentId != nil || subagentSessionId != nil else { return }

        let status = Self.notificationStatus(line)
        var object: JSONObject = ["v": 1, "source": .string(Self.source), "sessionId": .string(sessionId)]
        object["toolUseId"] = .string(toolUseId)
        object["callIndex"] = .integer(nextCallIndex(toolUseId))
        object["eventIndex"] = .integer(Int64(events.count))
        if let ts = line.lineTimestamp, !ts.isEmpty { object["ts"] = .string(ts) }
        object["status"] = .string(status)
        object["eventSource"] = "subagent_notification"
        if status == "errored" { object["isError"] = true }
        let payloadKey = ["content", "output", "result", "message"].first { line.contains($0) }
        Self.measure(payloadKey.flatMap { line[$0] }, into: &object)
        object.setIfPresent("subagentSessionId", subagentSessionId)
        object.setIfPresent("agentId", agentId)
        events.append(Draft(object: object, line: number, offset: currentOffset))
    }

    private static func firstNonEmpty(_ line: JSONObject, _ names: String...) -> String? {
        names.lazy.compactMap { line.nonEmptyString($0) }.first
    }

    /// Normalises the many status spellings harnesses use to a `ToolResultStatus`.
    private static func notificationStatus(_ line: JSONObject) -> String {
        if line["is_error"] == .bool(true) || line["isError"] == .bool(true) { return "errored" }
        if let raw = firstNonEmpty(line, "status", "state", "result", "terminal_status", "terminalStatus") {
            let normalised = String(raw.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
            switch normalised {
            case "completed", "complete", "success", "succeeded", "done": return "completed"
            case "error", "errored", "failed", "failure": return "errored"
            case "running", "in_progress", "queued", "pending", "started": return "running"
            case "cancelled", "canceled", "aborted": return "cancelled"
            default: break
            }
        }
        switch line["success"] {
        case .bool(true): return "completed"
        case .bool(false): return "errored"
        default: return "unknown"
        }
    }
}
