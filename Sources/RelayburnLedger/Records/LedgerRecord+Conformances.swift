// Each record type's place in the seam: its kind and what the query filters compare (docs/records.md §5).

extension TurnRecord: LedgerRecord {
    public typealias QueryOutput = EnrichedTurn
    public static var kind: RecordKind { .turn }
    public var filterFields: RecordFilterFields {
        RecordFilterFields(
            ts: ts, sessionIds: [sessionId], source: source, projects: [project, projectKey].compactMap { $0 })
    }
    public static func queryOutput(_ record: TurnRecord, enrichment: [String: String]) -> EnrichedTurn {
        EnrichedTurn(turn: record, enrichment: enrichment)
    }
    public static func record(of output: EnrichedTurn) -> TurnRecord { output.turn }
    public static func wireObject(of output: EnrichedTurn) -> JSONObject { output.jsonObject }
    public static func decodeOutput(_ value: JSONValue) throws(RecordError) -> EnrichedTurn {
        try EnrichedTurn.decode(value)
    }
}

extension ContentRecord: LedgerRecord {
    public static var kind: RecordKind { .content }
    public var filterFields: RecordFilterFields { RecordFilterFields(ts: ts, sessionIds: [sessionId], source: source) }
}

extension CompactionEvent: LedgerRecord {
    public static var kind: RecordKind { .compaction }
    public var filterFields: RecordFilterFields { RecordFilterFields(ts: ts, sessionIds: [sessionId], source: source) }
}

extension SessionRelationshipRecord: LedgerRecord {
    public static var kind: RecordKind { .relationship }
    /// A relationship matches a session filter by either end of its edge.
    public var filterFields: RecordFilterFields {
        RecordFilterFields(ts: ts, sessionIds: [sessionId] + [relatedSessionId].compactMap { $0 }, source: source)
    }
}

extension ToolResultEventRecord: LedgerRecord {
    public static var kind: RecordKind { .toolResultEvent }
    public var filterFields: RecordFilterFields { RecordFilterFields(ts: ts, sessionIds: [sessionId], source: source) }
}

extension UserTurnRecord: LedgerRecord {
    public static var kind: RecordKind { .userTurn }
    public var filterFields: RecordFilterFields { RecordFilterFields(ts: ts, sessionIds: [sessionId], source: source) }
}

extension Stamp: LedgerRecord {
    public static var kind: RecordKind { .stamp }
    /// Stamps are read whole, in append order: only their time and session narrow them.
    public var filterFields: RecordFilterFields {
        RecordFilterFields(ts: ts, sessionIds: [selector.sessionId].compactMap { $0 }, source: nil)
    }
}

/// Every record type, in the order copies and reports list them.
public enum LedgerRecords {
    /// The seven kinds; stamps last, so a copy folds them over turns that are already there.
    public static let all: [any LedgerRecord.Type] = [
        TurnRecord.self, ContentRecord.self, CompactionEvent.self, SessionRelationshipRecord.self,
        ToolResultEventRecord.self, UserTurnRecord.self, Stamp.self,
    ]

    /// The record type of `kind`.
    public static func type(of kind: RecordKind) -> any LedgerRecord.Type {
        switch kind {
        case .turn: TurnRecord.self
        case .content: ContentRecord.self
        case .compaction: CompactionEvent.self
        case .relationship: SessionRelationshipRecord.self
        case .toolResultEvent: ToolResultEventRecord.self
        case .userTurn: UserTurnRecord.self
        case .stamp: Stamp.self
        }
    }
}
