import RelayburnLedger

extension TranscriptExtraction {
    /// Wire key order of tool-result events (docs/records.md §2.6), with the Rust-port `outputBytes` and
    /// `outputTruncated` after the hash.
    static let eventKeyOrder = [
        "v", "source", "sessionId", "messageId", "toolUseId", "callIndex", "eventIndex", "ts", "status",
        "eventSource", "contentLength", "contentHash", "outputBytes", "outputTruncated", "isError", "usage",
        "usageAttribution", "subagentSessionId", "agentId",
    ]

    /// Builds the turns and everything that depends on them, keeps what `window` emits, and validates every
    /// record against the ledger contract.
    mutating func finish(_ window: PassWindow) -> ExtractedRecords {
        // Indexes count from the file's start whatever the pass, so a record is the same however a file was
        // split into passes (the format note lets turnIndex restart per pass; identical records are safer).
        let turns = pendingTurns.enumerated().map { index, pending in turnObject(pending, index: index) }
        let answered = window.waitsForToolResults ? answeredToolUseIds : nil
        let end = endOffset(window, answered: answered)
        let emitsTurn = pendingTurns.map { pending in
            pending.offset >= window.start && (!window.holdsBackUnfinished || pending.isFinal(answered: answered))
        }
        func emits(_ offset: Int) -> Bool { offset >= window.start && offset < end }

        for index in pendingTurns.indices where emitsTurn[index] {
            appendAssistantContent(pendingTurns[index], turn: turns[index])
        }

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
        result.endOffset = end
        let skippedLines = malformedLines.filter { emits($0.offset) }
        malformedLines = []
        result.turns = validated(
            zip(turns, pendingTurns).enumerated().filter { emitsTurn[$0.offset] }.map {
                Draft(object: $0.element.0, line: $0.element.1.line, offset: $0.element.1.offset)
            }, TurnRecord.validate)
        result.userTurns = validated(userTurns.filter { emits($0.offset) }, UserTurnRecord.validate)
        result.toolResultEvents = validated(events.filter { emits($0.offset) }, ToolResultEventRecord.validate)
        result.compactions = validated(compactions.filter { emits($0.offset) }, CompactionEvent.validate)
        // A subagent row restates its turn's facts, which are final once the turn's first line is read.
        let relationshipRows = relationships.filter { row in
            row.object["relationshipType"] == "subagent" ? row.offset >= window.start : emits(row.offset)
        }
        result.relationships = validated(relationshipRows, SessionRelationshipRecord.validate)
        // The ledger rejects a whole batch over one bad content session id (docs/records.md §7), so such content
        // is left out here rather than reported as a malformed line. Assistant content was only built for
        // emitted turns; user content follows its line.
        let storable = content.filter {
            ($0.rank == 1 || emits($0.offset))
                && ContentRecord.isValidSessionId($0.object["sessionId"]?.stringValue ?? "")
        }
        result.content = validated(
            storable.map { Draft(object: $0.object, line: $0.line, offset: $0.offset) }, ContentRecord.validate)
        result.malformedLines = (skippedLines + malformedLines).map { ($0.line, $0.reason) }
        return result
    }

    /// Where the next pass starts (§15): the first line of the earliest message later lines can still change,
    /// else just after the last line read. A user turn still waiting for its following message is held back
    /// too, because a stored record is never updated.
    private func endOffset(_ window: PassWindow, answered: Set<String>?) -> Int {
        guard window.holdsBackUnfinished else { return window.readEnd }
        var end = window.readEnd
        for pending in pendingTurns
        where pending.offset >= window.start && !pending.isFinal(answered: answered) {
            end = min(end, pending.offset)
        }
        if let waiting = awaitingFollower, userTurns[waiting].offset >= window.start {
            end = min(end, userTurns[waiting].offset)
        }
        return end
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
                malformedLines.append((draft.line, draft.offset, error.description))
            }
        }
        return records
    }

    /// The wire object of one turn (docs/records.md §2.2), keys in documented order.
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
                    Self.textContent(base, role: "assistant", kind: "text", text), line: pending.line,
                    offset: pending.offset, isUser: false)
            case "thinking":
                // Claude Code often stores only the signature; an empty thought is not content.
                guard let text = block["thinking"]?.stringValue, !text.isEmpty else { continue }
                appendContent(
                    Self.textContent(base, role: "assistant", kind: "thinking", text), line: pending.line,
                    offset: pending.offset, isUser: false)
            case "tool_use":
                guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue else { continue }
                var object = base
                object["role"] = "assistant"
                object["kind"] = "tool_use"
                object["toolUse"] = [
                    "id": .string(id), "name": .string(name), "input": .object(block["input"]?.objectValue ?? [:]),
                ]
                appendContent(object, line: pending.line, offset: pending.offset, isUser: false)
            default: continue
            }
        }
    }
}
