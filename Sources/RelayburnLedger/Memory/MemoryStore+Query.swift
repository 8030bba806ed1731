extension MemoryStore {
    public nonisolated func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        stream { store in try await store.outputs(Record.self, matching: query) }
    }

    public nonisolated func queryEncoded<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        stream { store in
            // The reference store encodes what it would decode, one page of at most a thousand lines each.
            let outputs = try await store.outputs(Record.self, matching: query)
            return stride(from: 0, to: outputs.count, by: 1000).map { start in
                var page = EncodedRecords()
                for output in outputs[start..<min(start + 1000, outputs.count)] {
                    page.append(json: Record.wireObject(of: output).compactJSON)
                }
                return page
            }
        }
    }

    public nonisolated func searchContent(_ text: String, _ query: LedgerQuery)
        -> AsyncThrowingStream<ContentRecord, any Error>
    {
        stream { store in
            guard !SearchTokens.tokens(text).isEmpty else { return [] }
            return await store.matching(ContentRecord.self, query).filter {
                SearchTokens.matches($0.searchableText, search: text)
            }
        }
    }

    /// What a query of `Record` yields: matching records in their kind's order, turns with enrichment.
    private func outputs<Record: LedgerRecord>(_: Record.Type, matching query: LedgerQuery) throws
        -> [Record.QueryOutput]
    {
        var outputs: [Record.QueryOutput]
        if Record.self == TurnRecord.self {
            // Known equal types: the cast cannot fail.
            outputs = enrichedTurns(matching: query) as! [Record.QueryOutput]
        } else {
            outputs = matching(Record.self, query).map { Record.queryOutput($0, enrichment: [:]) }
        }
        guard let cursor = query.after else { return outputs }
        try StreamCursor.checkResumable(Record.kind)
        // Outputs are in the kind's order: drop those at or before the cursor.
        let turns = Record.kind == .turn
        outputs.removeAll { !cursor.precedes(StreamCursor.after(Record.record(of: $0)), turns: turns) }
        return outputs
    }

    /// Records of a kind other than turns passing `query`: stamps in append order, the rest in `(ts, id)`
    /// order (project and enrichment apply to turns only).
    private func matching<Record: LedgerRecord>(_: Record.Type, _ query: LedgerQuery) -> [Record] {
        let records: [Record]
        switch Record.kind {
        case .stamp: return stamps.compactMap { $0 as? Record }.filter { query.admits($0.filterFields) }
        case .content: records = content.values.flatMap { $0.values.compactMap { $0.record as? Record } }
        default: records = (tables[Record.kind] ?? [:]).values.compactMap { $0 as? Record }
        }
        return records.filter { query.admits($0.filterFields) }
            .map { (record: $0, key: (ts: $0.filterFields.ts, id: $0.id)) }
            .sorted { MemoryOrder.timestamped($0.key, $1.key) }
            .map(\.record)
    }

    /// Canonical turns (or every twin) passing `query`'s filters other than enrichment, in turn order.
    func filteredTurns(_ query: LedgerQuery) -> [TurnRecord] {
        turns.values.filter { turn in
            (query.includeTwins || canonicalTurnIds[turn.fingerprint] == turn.id) && query.admits(turn.filterFields)
        }.sorted(by: MemoryOrder.turn)
    }

    /// Turns passing every filter of `query`, with their folded enrichment.
    private func enrichedTurns(matching query: LedgerQuery) -> [EnrichedTurn] {
        let folder = stampFolder()
        return filteredTurns(query).compactMap { turn in
            let enrichment = folder.enrichment(for: turn)
            guard query.enrichment.allSatisfy({ enrichment[$0.key] == $0.value }) else { return nil }
            return EnrichedTurn(turn: turn, enrichment: enrichment)
        }
    }

    /// A folder over every stamp, resolving message bounds to the stored turns' indices.
    private func stampFolder() -> StampFolder {
        var indices: [String: [String: Int64]] = [:]
        for turn in turns.values.sorted(by: { MemoryOrder.precedes($0.id, $1.id) })
        where indices[turn.sessionId]?[turn.messageId] == nil {
            indices[turn.sessionId, default: [:]][turn.messageId] = turn.turnIndex
        }
        return StampFolder(stamps: stamps) { sessionId, messageId in indices[sessionId]?[messageId] }
    }

    /// A stream yielding what `load` returns, read from the store when iteration starts.
    nonisolated func stream<Element: Sendable>(
        _ load: @escaping @Sendable (MemoryStore) async throws -> [Element]
    ) -> AsyncThrowingStream<Element, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for element in try await load(self) {
                        try Task.checkCancellation()
                        continuation.yield(element)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
