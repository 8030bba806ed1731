import RelayburnLedger

extension TranscriptExtraction {
    /// Wire key order of tool-result events (records.md §2.6), with the Rust-port `outputBytes` after the hash.
    static let eventKeyOrder = [
        "v", "source", "sessionId", "messageId", "toolUseId", "callIndex", "eventIndex", "ts", "status",
        "eventSource", "contentLength", "contentHash", "outputBytes", "isError", "usage", "usageAttribution",
        "subagentSessionId", "agentId",
    ]

    /// Builds the turns and everything that depends on them, and validates every record against the ledger
    /// contract.
    mutating func finish() -> ExtractedRecords {
        let turns = pendingTurns.enumerated().map { index, pending in turnObject(pending, index: index) }
        for (pending, turn) in zip(pendingTurns, turns) { appendAssistantContent(pending, turn: turn) }

        // Compactions price the lost context with the preceding turn's cache reads (§9).
        for index in compactions.indices {
            guard let preceding = compactions[index].object["precedingMessageId"]?.stringValue,
                let position = turnPositions[preceding],
                let cacheRead = turns[position]["usage"]?["cacheRead"]
            else { continue }
            compactions[index].object["tokensBeforeCompact"] = cacheRead
        }

        // Spawn annotation (§8.4): a spawning call's results belong to the subagent it started.
        var agentBySpawn: [String: JSONValue] = [:]
        for turn in turns {
            guard let subagent = turn["subagent"]?.objectValue, let spawn = subagent["parentToolUseId"]?.stringValue,
                let agentId = subagent["agentId"], agentBySpawn[spawn] == nil
            else { continue }
            agentBySpawn[spawn] = agentId
        }
        for index in events.indices {
            var object = events[index].object
            if let toolUseId = object["toolUseId"]?.stringValue, let agentId = agentBySpawn[toolUseId] {
                object["agentId"] = agentId
            }
            events[index].object = Self.reordered(object, Self.eventKeyOrder)
        }

        finishRelationships(turns: turns)
        content.sort { ($0.line, $0.rank, $0.sequence) < ($1.line, $1.rank, $1.sequence) }

        var result = ExtractedRecords(evidence: evidence)
        result.turns = validated(
            zip(turns, pendingTurns.map(\.line)).map { Draft(object: $0, line: $1) }, TurnRecord.validate)
        result.userTurns = validated(userTurns, UserTurnRecord.validate)
        result.toolResultEvents = validated(events, ToolResultEventRecord.validate)
        result.compactions = validated(compactions, CompactionEvent.validate)
        result.relationships = validated(relationships, SessionRelationshipRecord.validate)
        // The ledger rejects a whole batch over one bad content session id (records.md §7), so such content
        // is left out here rather than reported as a malformed line.
        let storable = content.filter { ContentRecord.isValidSessionId($0.object["sessionId"]?.stringValue ?? "") }
        result.content = validated(storable.map { Draft(object: $0.object, line: $0.line) }, ContentRecord.validate)
        result.malformedLines = malformedLines
        return result
    }

    /// Validates drafts; a failure can only be a bug here, so it is reported with its line rather than trapping.
    private mutating func validated<Record>(
        _ drafts: [Draft], _ validate: (JSONValue, Int) throws(RecordError) -> Record
    ) -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(drafts.count)
        for (index, draft) in drafts.enumerated() {
            do {
                records.append(try validate(.object(draft.object), index))
            } catch {
                malformedLines.append((draft.line, error.description))
            }
        }
        return records
    }

    /// The wire object of one turn (records.md §2.2), keys in documented order.
    private mutating func turnObject(_ pending: PendingTurn, index: Int) -> JSONObject {
        let (calls, files) = ToolCallExtractor.extract(pending.blocks, erroredIds: erroredToolUseIds)
        var object: JSONObject = [
            "v": 1, "source": .string(Self.source), "sessionId": .string(pending.sessionId),
        ]
        object.setIfPresent("sessionPath", sessionPath)
        object["messageId"] = .string(pending.messageId)
        object["turnIndex"] = .integer(Int64(index))
        object["ts"] = .string(pending.ts)
        object["model"] = .string(pending.model)
        object.setIfPresent("project", pending.cwd)
        if let cwd = pending.cwd, !cwd.isEmpty { object.setIfPresent("projectKey", projectKeys?.projectKey(cwd: cwd)) }
        object["usage"] = .object(ClaudeUsage.usage(pending.usage).jsonObject)
        object["toolCalls"] = .array(calls)
        if !files.isEmpty { object["filesTouched"] = .array(files.map(JSONValue.string)) }
        if pending.isSidechain { object["subagent"] = .object(subagentObject(pending)) }
        object.setIfPresent("stopReason", pending.stopReason)
        object["fidelity"] = .object(pending.coverage.fidelity)
        return object
    }

    /// The `subagent` field of a sidechain turn (§10.4); only `isSidechain` when the spawn is not in this file.
    private mutating func subagentObject(_ pending: PendingTurn) -> JSONObject {
        var object: JSONObject = ["isSidechain": true]
        guard let start = pending.firstUuid, let invocation = resolver.resolve(start) else { return object }
        object["parentToolUseId"] = .string(invocation.parentToolUseId)
        object["agentId"] = .string(invocation.agentId)
        // A first-level subagent's parent is the session itself.
        object["parentAgentId"] = .string(invocation.parentAgentId ?? pending.sessionId)
        object.setIfPresent("subagentType", invocation.subagentType)
        object.setIfPresent("description", invocation.description)
        return object
    }

    /// Assistant content of a turn (§14): non-empty text and thinking, and tool_use blocks with id and name.
    private mutating func appendAssistantContent(_ pending: PendingTurn, turn: JSONObject) {
        guard contentMode == .full, !pending.sessionId.isEmpty else { return }
        let base: JSONObject = [
            "v": 1, "source": .string(Self.source), "sessionId": .string(pending.sessionId),
            "messageId": .string(pending.messageId), "ts": .string(pending.ts),
        ]
        for case .object(let block) in pending.blocks {
            switch block["type"]?.stringValue {
            case "text":
                guard let text = block["text"]?.stringValue, !text.isEmpty else { continue }
                appendContent(
                    Self.textContent(base, role: "assistant", kind: "text", text), line: pending.line, isUser: false)
            case "thinking":
                // Claude Code often stores only the signature; an empty thought is not content.
                guard let text = block["thinking"]?.stringValue, !text.isEmpty else { continue }
                appendContent(
                    Self.textContent(base, role: "assistant", kind: "thinking", text), line: pending.line, isUser: false
                )
            case "tool_use":
                guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue else { continue }
                var object = base
                object["role"] = "assistant"
                object["kind"] = "tool_use"
                object["toolUse"] = [
                    "id": .string(id), "name": .string(name), "input": .object(block["input"]?.objectValue ?? [:]),
                ]
                appendContent(object, line: pending.line, isUser: false)
            default: continue
            }
        }
    }
}
