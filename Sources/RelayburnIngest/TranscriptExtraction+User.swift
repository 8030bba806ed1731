import RelayburnLedger

extension TranscriptExtraction {
    /// User lines yield user turns (§7), tool-result events (§8.1), error flags (§6.4) and user content (§14).
    mutating func consumeUser(_ line: JSONObject, number: Int) {
        let message = line["message"]?.objectValue
        let content = message?["content"]
        let blocks = content?.arrayValue ?? []
        let toolResults = blocks.compactMap { block -> JSONObject? in
            guard let block = block.objectValue, block["type"]?.stringValue == "tool_result" else { return nil }
            return block
        }
        for block in toolResults {
            guard let id = block["tool_use_id"]?.stringValue else { continue }
            answeredToolUseIds.insert(id)
            if block["is_error"] == .bool(true) { erroredToolUseIds.insert(id) }
        }
        let uuid = line.nonEmptyString("uuid")
        if let uuid = line["uuid"]?.stringValue {
            resolver.registerUser(
                uuid: uuid, envelope: line,
                toolResultIds: Set(toolResults.compactMap { $0["tool_use_id"]?.stringValue }))
        }
        if !line.isSidechainLine && !sawFirstMainUserLine {
            sawFirstMainUserLine = true
            evidence.firstParentUuid = line.nonEmptyString("parentUuid")
        }
        noteResumeMarker(plainText(content))

        guard let sessionId = line.lineSessionId else { return }
        let ts = line.lineTimestamp
        if let uuid, !Self.isTaskNotification(line) {
            appendUserTurn(sessionId: sessionId, uuid: uuid, ts: ts ?? "", content: content, number: number)
        }
        if content?.arrayValue != nil {
            for block in toolResults {
                guard let toolUseId = block.nonEmptyString("tool_use_id") else { continue }
                appendToolResultEvent(
                    block, toolUseId: toolUseId, sessionId: sessionId, uuid: uuid, ts: ts, number: number)
            }
        }
        if let uuid { appendUserContent(content, sessionId: sessionId, uuid: uuid, ts: ts ?? "", number: number) }
    }

    /// Harness-injected notices ("background task finished") are not the user speaking (§7.2, Rust port).
    private static func isTaskNotification(_ line: JSONObject) -> Bool {
        if line["origin"]?["kind"]?.stringValue == "task-notification" { return true }
        let attachment = line["attachment"]
        return attachment?["type"]?.stringValue == "queued_command"
            && attachment?["commandMode"]?.stringValue == "task-notification"
    }

    private mutating func appendUserTurn(
        sessionId: String, uuid: String, ts: String, content: JSONValue?, number: Int
    ) {
        var blocks: [JSONValue] = []
        if let text = content?.stringValue {
            if !text.isEmpty { blocks.append(Self.block(kind: "text", byteLen: text.utf8.count)) }
        } else {
            for case .object(let block) in content?.arrayValue ?? [] {
                switch block["type"]?.stringValue {
                case "tool_result":
                    guard let toolUseId = block["tool_use_id"]?.stringValue else { continue }
                    let byteLen = block["content"]?.measuredText?.utf8.count ?? 0
                    blocks.append(
                        Self.block(
                            kind: "tool_result", toolUseId: toolUseId, byteLen: byteLen,
                            isError: block["is_error"] == .bool(true)))
                case "text":
                    guard let text = block["text"]?.stringValue, !text.isEmpty else { continue }
                    blocks.append(Self.block(kind: "text", byteLen: text.utf8.count))
                default: continue
                }
            }
        }
        guard !blocks.isEmpty else { return }
        var object: JSONObject = [
            "v": 1, "source": .string(Self.source), "sessionId": .string(sessionId), "userUuid": .string(uuid),
            "ts": .string(ts),
        ]
        object.setIfPresent("precedingMessageId", lastAssistantMessageId)
        object["blocks"] = .array(blocks)
        awaitingFollower = userTurns.count
        userTurns.append(Draft(object: object, line: number, offset: currentOffset))
    }

    /// One `blocks[i]` object; approxTokens is `ceil(byteLen / 4)`, the heuristic the note adopts (§7.2).
    private static func block(kind: String, toolUseId: String? = nil, byteLen: Int, isError: Bool = false) -> JSONValue
    {
        var block: JSONObject = ["kind": .string(kind)]
        block.setIfPresent("toolUseId", toolUseId)
        block["byteLen"] = .integer(Int64(byteLen))
        block["approxTokens"] = .integer(Int64((byteLen + 3) / 4))
        if isError { block["isError"] = true }
        return .object(block)
    }

    private mutating func appendToolResultEvent(
        _ block: JSONObject, toolUseId: String, sessionId: String, uuid: String?, ts: String?, number: Int
    ) {
        let errored = block["is_error"] == .bool(true)
        var object: JSONObject = ["v": 1, "source": .string(Self.source), "sessionId": .string(sessionId)]
        object.setIfPresent("messageId", uuid)
        object["toolUseId"] = .string(toolUseId)
        object["callIndex"] = .integer(nextCallIndex(toolUseId))
        object["eventIndex"] = .integer(Int64(events.count))
        object.setIfPresent("ts", ts)
        object["status"] = .string(errored ? "errored" : "completed")
        object["eventSource"] = "tool_result"
        if errored { object["isError"] = true }
        Self.measure(block["content"], into: &object)
        events.append(Draft(object: object, line: number, offset: currentOffset))
    }

    /// Adds `contentLength` (UTF-16 units, as 1.x measured), `contentHash`, `outputBytes` and, when the harness
    /// cut the output, `outputTruncated` for a payload (§8.2).
    static func measure(_ payload: JSONValue?, into object: inout JSONObject) {
        guard let text = payload?.measuredText else { return }
        object["contentLength"] = .integer(Int64(text.utf16.count))
        object["contentHash"] = .string(h16(text))
        object["outputBytes"] = .integer(Int64(text.utf8.count))
        if isTruncated(text) { object["outputTruncated"] = true }
    }

    /// What harnesses write where they cut a tool's output (format note §8.2, the Rust port's `outputTruncated`).
    private static let truncationMarkers = [
        "<system-truncated>", "[truncated]", "output truncated", "result truncated", "response truncated",
        "truncated to ",
    ].map { Array($0.utf8) }

    /// Whether `text`, lower-cased, contains a truncation marker. The markers are ASCII, so folding ASCII
    /// letters byte by byte matches what a Unicode lower-casing would, without copying large payloads.
    private static func isTruncated(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { containsMarker($0) }
    }

    private static func containsMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        // Every marker contains "truncated"; only look closer around its occurrences.
        let anchor = Array("truncated".utf8)
        guard bytes.count >= anchor.count else { return false }
        for start in 0...(bytes.count - anchor.count) where lower(bytes[start]) == anchor[0] {
            guard (1..<anchor.count).allSatisfy({ lower(bytes[start + $0]) == anchor[$0] }) else { continue }
            for marker in truncationMarkers {
                let offset = marker.firstRange(of: anchor)!.lowerBound
                let begin = start - offset
                guard begin >= 0, begin + marker.count <= bytes.count else { continue }
                if (0..<marker.count).allSatisfy({ lower(bytes[begin + $0]) == marker[$0] }) { return true }
            }
        }
        return false
    }

    private mutating func appendUserContent(
        _ content: JSONValue?, sessionId: String, uuid: String, ts: String, number: Int
    ) {
        let base: JSONObject = [
            "v": 1, "source": .string(Self.source), "sessionId": .string(sessionId), "messageId": .string(uuid),
            "ts": .string(ts),
        ]
        if let text = content?.stringValue {
            if !text.isEmpty {
                appendContent(
                    Self.textContent(base, role: "user", kind: "text", text), line: number, offset: currentOffset,
                    isUser: true)
            }
            return
        }
        for case .object(let block) in content?.arrayValue ?? [] {
            switch block["type"]?.stringValue {
            case "text":
                guard let text = block["text"]?.stringValue, !text.isEmpty else { continue }
                appendContent(
                    Self.textContent(base, role: "user", kind: "text", text), line: number, offset: currentOffset,
                    isUser: true)
            case "tool_result":
                guard let toolUseId = block["tool_use_id"]?.stringValue else { continue }
                var result: JSONObject = ["toolUseId": .string(toolUseId), "content": block["content"] ?? ""]
                if block["is_error"] == .bool(true) { result["isError"] = true }
                var object = base
                object["role"] = "tool_result"
                object["kind"] = "tool_result"
                object["toolResult"] = .object(result)
                appendContent(object, line: number, offset: currentOffset, isUser: true)
            default: continue
            }
        }
    }

    /// A `text` or `thinking` content record on top of the shared envelope fields.
    static func textContent(_ base: JSONObject, role: String, kind: String, _ text: String) -> JSONObject {
        var object = base
        object["role"] = .string(role)
        object["kind"] = .string(kind)
        object["text"] = .string(text)
        return object
    }

    /// The plain text of a user line (§7.1): string content, or its non-empty text blocks joined by newlines.
    private func plainText(_ content: JSONValue?) -> String? {
        if let text = content?.stringValue { return text.isEmpty ? nil : text }
        let texts = (content?.arrayValue ?? []).compactMap { block -> String? in
            guard block["type"]?.stringValue == "text", let text = block["text"]?.stringValue, !text.isEmpty else {
                return nil
            }
            return text
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }
}
