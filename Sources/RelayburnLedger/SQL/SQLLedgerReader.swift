public import RelayburnSchema

/// The read side every SQL adapter shares: paged streaming, stamp folding, summaries and content reads over
/// the `templates/ledger/` statements, given only a way to run a statement.
///
/// Streams are encoded first: rows go from the driver into NDJSON pages without being parsed
/// (``StoredRowEncoder``); decoded streams parse those lines, for callers that need records.
public struct SQLLedgerReader: Sendable {
    /// Runs one statement with bindings and returns its rows (on the adapter's connection).
    public typealias Run =
        @Sendable (_ statement: RenderedStatement, _ bindings: [SQLValue]) async throws -> [[SQLValue]]
    /// Runs one statement with bindings and returns its rows with their column names.
    public typealias RunNamed =
        @Sendable (_ statement: RenderedStatement, _ bindings: [SQLValue]) async throws -> NamedRows

    let statements: LedgerStatements
    let pageSize: Int64
    /// The byte size at which a page is full even below ``pageSize`` rows (for pagers that honour it).
    let pageBytes: Int
    let run: Run
    /// Runs the small queries a stream makes before its first page (shared fingerprints).
    let runForStream: Run
    /// Runs one statement and returns its rows with their column names (`relayburn verify`).
    let runNamed: RunNamed
    let openPager: @Sendable () -> any SQLPager

    /// - Parameters:
    ///   - run: Runs one statement.
    ///   - runForStream: Runs the queries a stream makes before its first page, where the stream reads (`run`
    ///     by default).
    ///   - runNamed: Runs one statement and names its result columns.
    ///   - openPager: Makes the pager of one streamed query.
    public init(
        statements: LedgerStatements, pageSize: Int64, pageBytes: Int = .max, run: @escaping Run,
        runForStream: Run? = nil, runNamed: @escaping RunNamed, openPager: @escaping @Sendable () -> any SQLPager
    ) {
        self.statements = statements
        self.pageSize = pageSize
        self.pageBytes = pageBytes
        self.run = run
        self.runForStream = runForStream ?? run
        self.runNamed = runNamed
        self.openPager = openPager
    }

    /// The records of one kind as NDJSON pages, in the kind's order (see ``StorageAdapter/queryEncoded(_:_:)``).
    public func queryEncoded<Record: LedgerRecord>(
        _: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        PagedStream.make(pages(Record.self, query))
    }

    /// The page fetcher of one query of `Record`.
    private func pages<Record: LedgerRecord>(_: Record.Type, _ query: LedgerQuery) -> PageFetch {
        var extra: [String: SQLValue] = [:]
        if Record.kind == .turn {
            // Without a session filter a stream reads most turns, so twins are found in one pass first and left
            // out in memory; a session's few turns are cheaper to check one by one in SQL.
            let collapseInSQL = !query.includeTwins && query.sessionId != nil
            extra["include_twins"] = .integer(collapseInSQL ? 0 : 1)
        }
        let unfiltered =
            query.since == nil && query.until == nil && query.project == nil && query.sessionId == nil
            && query.source == nil && query.after == nil
        return pages(
            statements.query(Record.kind), query, kind: Record.kind, extra: extra,
            firstPage: unfiltered ? statements.export(Record.kind) : nil)
    }

    /// The records of one kind, decoded from the stored JSON.
    public func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        Self.decoding(pages(type, query), Record.self)
    }

    /// A stream of decoded records over a page fetcher: each page is decoded when the consumer reaches it.
    private static func decoding<Record: LedgerRecord>(
        _ fetch: @escaping PageFetch, _: Record.Type
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        PagedStream.make { (after: [SQLValue]?) in
            let page = try await fetch(after)
            return (try page.elements.flatMap { try $0.decoded(as: Record.self) }, page.next)
        }
    }

    public func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        guard !SearchTokens.tokens(text).isEmpty else { return AsyncThrowingStream { $0.finish() } }
        let search = statements.dialect == .sqlite ? SearchTokens.fts5Query(text) : text
        return Self.decoding(
            pages(statements.searchContent, query, kind: .content, extra: ["search": .text(search)]), ContentRecord.self
        )
    }

    /// Streams `statement` page by page, each page resuming after the sort key of the last row of the one
    /// before; the first page resumes after a key below every row, so every page is an index seek.
    private typealias PageFetch =
        @Sendable (_ after: [SQLValue]?) async throws -> PagedStream.Page<EncodedRecords, [SQLValue]>

    /// - Parameter firstPage: The statement of the first page when it differs (a whole-table export); later pages
    ///   resume with `statement`, except where the pager keeps stepping the first page's statement.
    private func pages(
        _ statement: RenderedStatement, _ query: LedgerQuery, kind: RecordKind, extra: [String: SQLValue],
        firstPage: RenderedStatement? = nil
    ) -> PageFetch {
        let reader = self
        let keyColumns = Self.keyColumns(of: kind)
        let pager = openPager()
        let folding = FoldingCache()
        return { (after: [SQLValue]?) in
            var encoder = StoredRowEncoder(
                kind: kind, keyColumns: keyColumns, pageSize: Int(reader.pageSize), byteBudget: reader.pageBytes)
            if kind == .turn {
                let twins =
                    query.includeTwins || query.sessionId != nil ? TwinFilter() : try await folding.twins(reader)
                encoder = StoredRowEncoder(
                    kind: kind, keyColumns: keyColumns, pageSize: Int(reader.pageSize),
                    folding: .init(folder: try await folding.folder(reader), required: query.enrichment, twins: twins),
                    byteBudget: reader.pageBytes)
            }
            var values = Self.filterBindings(query).merging(extra) { _, new in new }
            values["page_size"] = .integer(reader.pageSize)
            let key = try after ?? Self.startKey(query.after, kind: kind, keyColumns: keyColumns)
            for (column, value) in zip(keyColumns, key) { values["after_" + column] = value }
            let chosen = after == nil ? firstPage ?? statement : statement
            let filled = try await pager.page(
                chosen, bindings: chosen.bindings(values), size: reader.pageSize, encoder: encoder)
            return (filled.page.count > 0 ? [filled.page] : [], filled.lastKey)
        }
    }

    /// The columns each kind's query orders by, which its keyset bindings (`after_<column>`) name.
    public static func keyColumns(of kind: RecordKind) -> [String] {
        switch kind {
        case .turn: ["ts", "session_id", "turn_index", "id"]
        case .stamp: ["seq"]
        default: ["ts", "id"]
        }
    }

    /// The key the first page resumes after: the query's cursor, or a key below every row.
    ///
    /// - Throws: ``StreamCursorError`` for a cursor on stamps, which stream in append order.
    private static func startKey(_ cursor: StreamCursor?, kind: RecordKind, keyColumns: [String]) throws -> [SQLValue] {
        guard let cursor else { return keyColumns.map(lowestKey) }
        try StreamCursor.checkResumable(kind)
        switch kind {
        case .turn:
            return [.text(cursor.ts), .text(cursor.sessionId), .integer(cursor.turnIndex), .text(cursor.id)]
        default:
            return [.text(cursor.ts), .text(cursor.id)]
        }
    }

    /// A key value below every stored one: integers are the ordinals, everything else text.
    private static func lowestKey(_ column: String) -> SQLValue {
        column == "turn_index" || column == "seq" ? .integer(Int64.min) : .text("")
    }

    /// `priced: false` on a store from before model_prices: every turn counted as unpriced.
    public func summary(
        _ query: LedgerQuery, by grouping: SummaryGrouping?, priced: Bool = true
    ) async throws
        -> Summary
    {
        var values = Self.filterBindings(query)
        values["grouping"] = .text(grouping?.rawValue ?? "")
        let statement = priced ? statements.summary : statements.summaryWithoutPrices
        let rows = try await run(statement, statement.bindings(values))
        return SummaryRows.summary(from: rows, grouping: grouping)
    }

    /// How many rows `kind`'s table holds (`templates/ledger/<table>/count.sql`).
    public func count(_ kind: RecordKind) async throws -> Int {
        let rows = try await run(statements.count(kind), [])
        guard let count = rows.first?.first?.integerValue else {
            throw StoredRecordError(kind: kind, id: "?", reason: "count.sql returned no count")
        }
        return Int(count)
    }

    /// Every stored price, by model, start and tier.
    public func listPrices() async throws -> [ModelPrice] {
        try await run(statements.listPrices, []).compactMap(ModelPrice.init(row:))
    }

    /// Whether any price is stored; `nil` when the store has no model_prices table yet (migration 0010 pending).
    public func hasPrices() async throws -> Bool? {
        do {
            return try await !run(statements.anyPrice, []).isEmpty
        } catch let error as DatabaseError where error.isUndefinedTable {
            return nil
        }
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

    /// Every stamp, with its message bounds resolved to turn indices, ready to fold.
    func stampFolder() async throws -> StampFolder {
        var stamps: [Stamp] = []
        for try await stamp in query(Stamp.self, LedgerQuery()) { stamps.append(stamp) }
        var indices: [String: Int64] = [:]
        for stamp in stamps {
            guard let session = stamp.selector.sessionId, !session.isEmpty else { continue }
            for message in [stamp.selector.fromMessageId, stamp.selector.toMessageId].compactMap({ $0 })
            where !message.isEmpty {
                let statement = statements.turnIndexOfMessage
                let rows = try await run(
                    statement, statement.bindings(["session_id": .text(session), "message_id": .text(message)]))
                if let index = rows.first?.first?.integerValue { indices[session + "\u{0}" + message] = index }
            }
        }
        return StampFolder(stamps: stamps) { session, message in indices[session + "\u{0}" + message] }
    }
}

/// The stamp folder and twin set of one streaming query, built on its first page.
private actor FoldingCache {
    var value: StampFolder?
    var twinFilter: TwinFilter?

    func twins(_ reader: SQLLedgerReader) async throws -> TwinFilter {
        if let twinFilter { return twinFilter }
        var filter = TwinFilter()
        for row in try await reader.runForStream(reader.statements.sharedFingerprints, []) {
            guard let fingerprint = row[0].textValue, let id = row[1].textValue else { continue }
            filter.add(fingerprint: fingerprint, canonicalId: id)
        }
        twinFilter = filter
        return filter
    }

    func folder(_ reader: SQLLedgerReader) async throws -> StampFolder {
        if let value { return value }
        let built = try await reader.stampFolder()
        value = built
        return built
    }
}
