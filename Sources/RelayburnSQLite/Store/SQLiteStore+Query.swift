public import RelayburnLedger
import RelayburnSchema

extension SQLiteStore {
    public func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error> {
        let statements = self.statements
        let database = self.database
        let pageSize = self.pageSize
        let folder = FolderBox()
        return PagedStream.make { (after: [SQLValue]?) in
            try await database.run { connection in
                // Stamps are folded while streaming; load them (few) once, on the first page.
                let stampFolder = try folder.value ?? Self.stampFolder(connection, statements)
                folder.value = stampFolder
                var values = Self.filterBindings(query)
                values["include_twins"] = .integer(query.includeTwins ? 1 : 0)
                values["page_size"] = .integer(pageSize)
                let key = after ?? [.text(""), .text(""), .integer(Int64.min), .text("")]
                values["after_ts"] = key[0]
                values["after_session_id"] = key[1]
                values["after_turn_index"] = key[2]
                values["after_id"] = key[3]
                var turns: [EnrichedTurn] = []
                var last: [SQLValue]?
                var count: Int64 = 0
                try connection.forEachRow(statements.queryTurns, bindings: statements.queryTurns.bindings(values)) { row in
                    count += 1
                    last = Array(row[1...4])
                    let turn = try StoredRecordDecoder.decode(row[0], id: row[4], kind: .turn, TurnRecord.validate)
                    let enrichment = stampFolder.enrichment(for: turn)
                    if query.enrichment.allSatisfy({ enrichment[$0.key] == $0.value }) {
                        turns.append(EnrichedTurn(turn: turn, enrichment: enrichment))
                    }
                }
                return (turns, count == pageSize ? last : nil)
            }
        }
    }

    public func queryContent(_ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        stream(statements.queryContent, query, kind: .content, ContentRecord.validate)
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        guard !SearchTokens.tokens(text).isEmpty else { return AsyncThrowingStream { $0.finish() } }
        return stream(
            statements.searchContent, query, kind: .content, ContentRecord.validate,
            extra: ["search": .text(SearchTokens.fts5Query(text))])
    }

    public func queryCompactions(_ query: LedgerQuery) -> AsyncThrowingStream<CompactionEvent, any Error> {
        stream(statements.queryCompactions, query, kind: .compaction, CompactionEvent.validate)
    }

    public func queryRelationships(_ query: LedgerQuery) -> AsyncThrowingStream<SessionRelationshipRecord, any Error> {
        stream(statements.queryRelationships, query, kind: .relationship, SessionRelationshipRecord.validate)
    }

    public func queryToolResultEvents(_ query: LedgerQuery) -> AsyncThrowingStream<ToolResultEventRecord, any Error> {
        stream(statements.queryToolResultEvents, query, kind: .toolResultEvent, ToolResultEventRecord.validate)
    }

    public func queryUserTurns(_ query: LedgerQuery) -> AsyncThrowingStream<UserTurnRecord, any Error> {
        stream(statements.queryUserTurns, query, kind: .userTurn, UserTurnRecord.validate)
    }

    /// Streams a `(ts, id)`-ordered kind page by page (rows: record_json, sort ts, id).
    private func stream<Record: Sendable>(
        _ statement: RenderedStatement, _ query: LedgerQuery, kind: RecordKind,
        _ validate: @escaping @Sendable (JSONValue, Int) throws(RecordError) -> Record,
        extra: [String: SQLValue] = [:]
    ) -> AsyncThrowingStream<Record, any Error> {
        let database = self.database
        let pageSize = self.pageSize
        return PagedStream.make { (after: [SQLValue]?) in
            try await database.run { connection in
                var values = Self.filterBindings(query).merging(extra) { _, new in new }
                values["page_size"] = .integer(pageSize)
                let key = after ?? [.text(""), .text("")]
                values["after_ts"] = key[0]
                values["after_id"] = key[1]
                var records: [Record] = []
                var last: [SQLValue]?
                try connection.forEachRow(statement, bindings: statement.bindings(values)) { row in
                    last = [row[1], row[2]]
                    records.append(try StoredRecordDecoder.decode(row[0], id: row[2], kind: kind, validate))
                }
                return (records, Int64(records.count) == pageSize ? last : nil)
            }
        }
    }

    static func filterBindings(_ query: LedgerQuery) -> [String: SQLValue] {
        func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
        return [
            "since": text(query.since), "until": text(query.until), "project": text(query.project),
            "session_id": text(query.sessionId), "source": text(query.source),
        ]
    }

    static func stampFolder(_ connection: SQLiteConnection, _ statements: LedgerStatements) throws -> StampFolder {
        var stamps: [Stamp] = []
        try connection.forEachRow(statements.readStamps, bindings: []) { row in
            stamps.append(try StoredRecordDecoder.decode(row[0], id: .null, kind: .stamp, Stamp.validate))
        }
        return try StampFolder(stamps: stamps) { session, message in
            let rows = try connection.cachedQuery(
                statements.turnIndexOfMessage,
                bindings: statements.turnIndexOfMessage.bindings([
                    "session_id": .text(session), "message_id": .text(message),
                ]))
            return rows.first?.first?.integerValue
        }
    }

    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        let statement = statements.summary
        var values = Self.filterBindings(query)
        values["grouping"] = .text(grouping?.rawValue ?? "")
        let bindings = statement.bindings(values)
        let rows = try await database.run { connection in try connection.cachedQuery(statement, bindings: bindings) }
        return SummaryRows.summary(from: rows, grouping: grouping)
    }
}

/// The stamp folder of one streaming query, built on its first page; only touched on the connection's queue.
private final class FolderBox: @unchecked Sendable {
    // @unchecked Sendable: read and written only inside `database.run` blocks of one stream, which the serial
    // queue runs one at a time.
    var value: StampFolder?
}
