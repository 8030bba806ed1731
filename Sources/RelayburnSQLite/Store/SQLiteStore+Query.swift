public import RelayburnLedger
import RelayburnSchema

extension SQLiteStore {
    public func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error> {
        reader.queryTurns(query)
    }

    public func queryContent(_ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        reader.stream(statements.queryContent, query, kind: .content, ContentRecord.validate)
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        reader.searchContent(text, query)
    }

    public func queryCompactions(_ query: LedgerQuery) -> AsyncThrowingStream<CompactionEvent, any Error> {
        reader.stream(statements.queryCompactions, query, kind: .compaction, CompactionEvent.validate)
    }

    public func queryRelationships(_ query: LedgerQuery) -> AsyncThrowingStream<SessionRelationshipRecord, any Error> {
        reader.stream(statements.queryRelationships, query, kind: .relationship, SessionRelationshipRecord.validate)
    }

    public func queryToolResultEvents(_ query: LedgerQuery) -> AsyncThrowingStream<ToolResultEventRecord, any Error> {
        reader.stream(statements.queryToolResultEvents, query, kind: .toolResultEvent, ToolResultEventRecord.validate)
    }

    public func queryUserTurns(_ query: LedgerQuery) -> AsyncThrowingStream<UserTurnRecord, any Error> {
        reader.stream(statements.queryUserTurns, query, kind: .userTurn, UserTurnRecord.validate)
    }

    public func allStamps() async throws -> [Stamp] {
        try await reader.allStamps()
    }

    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        try await reader.summary(query, by: grouping)
    }
}
