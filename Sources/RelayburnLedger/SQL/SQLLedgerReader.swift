public import RelayburnSchema

/// The read side every SQL adapter shares: paged streaming, stamp folding, summaries and content reads over
/// the `templates/ledger/` statements, given only a way to run a statement.
public struct SQLLedgerReader: Sendable {
    /// Runs one statement with bindings and returns its rows (on the adapter's connection).
    public typealias Run = @Sendable (_ statement: RenderedStatement, _ bindings: [SQLValue]) async throws -> [[SQLValue]]

    let statements: LedgerStatements
    let pageSize: Int64
    let run: Run
    let openPager: @Sendable () -> any SQLPager

    /// - Parameters:
    ///   - run: Runs one statement.
    ///   - openPager: Makes the pager of one streamed query; by default every page is its own keyset query.
    public init(
        statements: LedgerStatements, pageSize: Int64, run: @escaping Run,
        openPager: (@Sendable () -> any SQLPager)? = nil
    ) {
        self.statements = statements
        self.pageSize = pageSize
        self.run = run
        self.openPager = openPager ?? { KeysetPager(run: run) }
    }

    public func queryTurns(_ query: LedgerQuery) -> AsyncThrowingStream<EnrichedTurn, any Error> {
        let reader = self
        let folder = FolderCache()
        let pager = openPager()
        return PagedStream.make { (after: [SQLValue]?) in
            let stampFolder: StampFolder
            if let cached = await folder.value {
                stampFolder = cached
            } else {
                stampFolder = try await reader.stampFolder()
                await folder.set(stampFolder)
            }
            var values = Self.filterBindings(query)
            values["include_twins"] = .integer(query.includeTwins ? 1 : 0)
            values["page_size"] = .integer(reader.pageSize)
            // The first page resumes after a key below every row, so every page is an index seek.
            let key = after ?? [.text(""), .text(""), .integer(Int64.min), .text("")]
            values["after_ts"] = key[0]
            values["after_session_id"] = key[1]
            values["after_turn_index"] = key[2]
            values["after_id"] = key[3]
            let statement = reader.statements.queryTurns
            let rows = try await pager.page(statement, bindings: statement.bindings(values), size: reader.pageSize)
            var turns: [EnrichedTurn] = []
            for row in rows {
                let turn = try StoredRecordDecoder.decode(row[0], id: row[4], kind: .turn, TurnRecord.validate)
                let enrichment = stampFolder.enrichment(for: turn)
                if query.enrichment.allSatisfy({ enrichment[$0.key] == $0.value }) {
                    turns.append(EnrichedTurn(turn: turn, enrichment: enrichment))
                }
            }
            return (turns, Int64(rows.count) == reader.pageSize ? rows.last.map { Array($0[1...4]) } : nil)
        }
    }

    /// Streams a `(ts, id)`-ordered kind page by page (rows: record_json, sort ts, id).
    public func stream<Record: Sendable>(
        _ statement: RenderedStatement, _ query: LedgerQuery, kind: RecordKind,
        _ validate: @escaping @Sendable (JSONValue, Int) throws(RecordError) -> Record,
        extra: [String: SQLValue] = [:]
    ) -> AsyncThrowingStream<Record, any Error> {
        let reader = self
        let pager = openPager()
        return PagedStream.make { (after: [SQLValue]?) in
            var values = Self.filterBindings(query).merging(extra) { _, new in new }
            values["page_size"] = .integer(reader.pageSize)
            let key = after ?? [.text(""), .text("")]
            values["after_ts"] = key[0]
            values["after_id"] = key[1]
            let rows = try await pager.page(statement, bindings: statement.bindings(values), size: reader.pageSize)
            let records = try rows.map { try StoredRecordDecoder.decode($0[0], id: $0[2], kind: kind, validate) }
            return (records, Int64(rows.count) == reader.pageSize ? rows.last.map { [$0[1], $0[2]] } : nil)
        }
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        guard !SearchTokens.tokens(text).isEmpty else { return AsyncThrowingStream { $0.finish() } }
        return stream(
            statements.searchContent, query, kind: .content, ContentRecord.validate,
            extra: ["search": .text(statements.dialect == .sqlite ? SearchTokens.fts5Query(text) : text)])
    }

    public func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        var values = Self.filterBindings(query)
        values["grouping"] = .text(grouping?.rawValue ?? "")
        let rows = try await run(statements.summary, statements.summary.bindings(values))
        return SummaryRows.summary(from: rows, grouping: grouping)
    }

    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        let statement = statements.readContent
        let rows = try await run(
            statement,
            statement.bindings(["session_id": .text(sessionId), "message_id": messageId.map(SQLValue.text) ?? .null]))
        return try rows.map { try StoredRecordDecoder.decode($0[0], id: .null, kind: .content, ContentRecord.validate) }
    }

    public func listContentSessionIds() async throws -> [String] {
        try await run(statements.listContentSessions, []).compactMap { $0.first?.textValue }
    }

    /// Sessions whose newest content was written at or before `now - olderThanMs`, with their byte counts.
    public func pruneCandidates(olderThanMs: Int64) async throws -> [(session: String, bytes: Int64)] {
        let cutoff = UTCTimestamp.string(fromEpochMilliseconds: UTCTimestamp.nowMilliseconds() - olderThanMs)
        let statement = statements.contentSessionsWrittenBefore
        return try await run(statement, statement.bindings(["cutoff": .text(cutoff)])).compactMap { row in
            row[0].textValue.map { ($0, row[1].integerValue ?? 0) }
        }
    }

    static func filterBindings(_ query: LedgerQuery) -> [String: SQLValue] {
        func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
        return [
            "since": text(query.since), "until": text(query.until), "project": text(query.project),
            "session_id": text(query.sessionId), "source": text(query.source),
        ]
    }

    /// Every stamp in append order.
    public func allStamps() async throws -> [Stamp] {
        try await run(statements.readStamps, []).map {
            try StoredRecordDecoder.decode($0[0], id: .null, kind: .stamp, Stamp.validate)
        }
    }

    /// Every stamp, with its message bounds resolved to turn indices, ready to fold.
    func stampFolder() async throws -> StampFolder {
        let stamps = try await allStamps()
        var indices: [String: Int64] = [:]
        for stamp in stamps {
            guard let session = stamp.selector.sessionId, !session.isEmpty else { continue }
            for message in [stamp.selector.fromMessageId, stamp.selector.toMessageId].compactMap({ $0 }) where !message.isEmpty {
                let statement = statements.turnIndexOfMessage
                let rows = try await run(
                    statement, statement.bindings(["session_id": .text(session), "message_id": .text(message)]))
                if let index = rows.first?.first?.integerValue { indices[session + "\u{0}" + message] = index }
            }
        }
        return StampFolder(stamps: stamps) { session, message in indices[session + "\u{0}" + message] }
    }
}

/// The stamp folder of one streaming query, built on its first page.
private actor FolderCache {
    var value: StampFolder?
    func set(_ folder: StampFolder) { value = folder }
}
