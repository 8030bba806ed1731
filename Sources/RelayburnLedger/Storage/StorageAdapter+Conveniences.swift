/// Spellings per kind over the generic core, for call sites that name one kind (tests, the stamp command).
extension StorageAdapter {
    public func appendTurns(_ records: [TurnRecord]) async throws -> Int { try await append(records) }
    public func appendContent(_ records: [ContentRecord]) async throws -> Int { try await append(records) }
    public func appendCompactions(_ records: [CompactionEvent]) async throws -> Int { try await append(records) }
    public func appendRelationships(_ records: [SessionRelationshipRecord]) async throws -> Int {
        try await append(records)
    }
    public func appendToolResultEvents(_ records: [ToolResultEventRecord]) async throws -> Int {
        try await append(records)
    }
    public func appendUserTurns(_ records: [UserTurnRecord]) async throws -> Int { try await append(records) }
    public func appendStamps(_ records: [Stamp]) async throws -> Int { try await append(records) }

    public func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error> {
        self.query(TurnRecord.self, query)
    }
    public func queryContent(_ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        self.query(ContentRecord.self, query)
    }
    public func queryCompactions(_ query: LedgerQuery) -> AsyncThrowingStream<CompactionEvent, any Error> {
        self.query(CompactionEvent.self, query)
    }
    public func queryRelationships(_ query: LedgerQuery) -> AsyncThrowingStream<SessionRelationshipRecord, any Error> {
        self.query(SessionRelationshipRecord.self, query)
    }
    public func queryToolResultEvents(_ query: LedgerQuery) -> AsyncThrowingStream<ToolResultEventRecord, any Error> {
        self.query(ToolResultEventRecord.self, query)
    }
    public func queryUserTurns(_ query: LedgerQuery) -> AsyncThrowingStream<UserTurnRecord, any Error> {
        self.query(UserTurnRecord.self, query)
    }

    /// Every stamp in append order (for copying a store; turns already carry their folded enrichment).
    public func allStamps() async throws -> [Stamp] {
        var stamps: [Stamp] = []
        for try await stamp in query(Stamp.self, LedgerQuery()) { stamps.append(stamp) }
        return stamps
    }
}
