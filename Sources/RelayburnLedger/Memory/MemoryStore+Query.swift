extension MemoryStore {
    public nonisolated func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error> {
        stream { store in await store.enrichedTurns(matching: query) }
    }

    public nonisolated func queryContent(_ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        stream { store in await store.contentRecords(matching: query) }
    }

    public func allStamps() async throws -> [Stamp] {
        stamps
    }

    public nonisolated func searchContent(_ text: String, _ query: LedgerQuery)
        -> AsyncThrowingStream<ContentRecord, any Error>
    {
        stream { store in
            guard !SearchTokens.tokens(text).isEmpty else { return [] }
            return await store.contentRecords(matching: query).filter {
                SearchTokens.matches($0.searchableText, search: text)
            }
        }
    }

    public nonisolated func queryCompactions(_ query: LedgerQuery) -> AsyncThrowingStream<CompactionEvent, any Error> {
        stream { store in await store.compactions(matching: query) }
    }

    public nonisolated func queryRelationships(_ query: LedgerQuery)
        -> AsyncThrowingStream<SessionRelationshipRecord, any Error>
    {
        stream { store in await store.relationships(matching: query) }
    }

    public nonisolated func queryToolResultEvents(_ query: LedgerQuery)
        -> AsyncThrowingStream<ToolResultEventRecord, any Error>
    {
        stream { store in await store.toolResultEvents(matching: query) }
    }

    public nonisolated func queryUserTurns(_ query: LedgerQuery) -> AsyncThrowingStream<UserTurnRecord, any Error> {
        stream { store in await store.userTurns(matching: query) }
    }

    private func contentRecords(matching query: LedgerQuery) -> [ContentRecord] {
        matching(
            content.values.flatMap { $0.values.map(\.record) }, query, ts: \.ts, id: \.id,
            sessionIds: { [$0.sessionId] }, source: \.source)
    }

    private func compactions(matching query: LedgerQuery) -> [CompactionEvent] {
        matching(
            Array(compactions.values), query, ts: \.ts, id: \.id, sessionIds: { [$0.sessionId] }, source: \.source)
    }

    private func relationships(matching query: LedgerQuery) -> [SessionRelationshipRecord] {
        matching(
            Array(relationships.values), query, ts: \.ts, id: \.id,
            sessionIds: { [$0.sessionId] + ($0.relatedSessionId.map { [$0] } ?? []) }, source: \.source)
    }

    private func toolResultEvents(matching query: LedgerQuery) -> [ToolResultEventRecord] {
        matching(
            Array(toolResultEvents.values), query, ts: \.ts, id: \.id, sessionIds: { [$0.sessionId] },
            source: \.source)
    }

    private func userTurns(matching query: LedgerQuery) -> [UserTurnRecord] {
        matching(
            Array(userTurns.values), query, ts: \.ts, id: \.id, sessionIds: { [$0.sessionId] }, source: \.source)
    }

    /// Canonical turns (or every twin) passing `query`'s filters other than enrichment, in turn order.
    func filteredTurns(_ query: LedgerQuery) -> [TurnRecord] {
        turns.values.filter { turn in
            (query.includeTwins || canonicalTurnIds[turn.fingerprint] == turn.id) && query.admits(ts: turn.ts)
                && (query.sessionId.map { $0 == turn.sessionId } ?? true)
                && (query.source.map { $0 == turn.source } ?? true)
                && (query.project.map { $0 == turn.project || $0 == turn.projectKey } ?? true)
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

    /// The records of a non-turn kind passing `query` (project and enrichment apply to turns only), in
    /// `(ts, id)` order.
    private func matching<Record>(
        _ records: [Record], _ query: LedgerQuery, ts: (Record) -> String?, id: (Record) -> String,
        sessionIds: (Record) -> [String], source: (Record) -> String
    ) -> [Record] {
        records.filter { record in
            query.admits(ts: ts(record)) && (query.sessionId.map { sessionIds(record).contains($0) } ?? true)
                && (query.source.map { $0 == source(record) } ?? true)
        }
        .map { (record: $0, key: (ts: ts($0), id: id($0))) }
        .sorted { MemoryOrder.timestamped($0.key, $1.key) }
        .map(\.record)
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
