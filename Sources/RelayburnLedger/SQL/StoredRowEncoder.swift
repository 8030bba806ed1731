public import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the rows of one page of a streamed query into NDJSON, on the driver's thread, without parsing them.
///
/// Rows carry `record_json` plus the sort-key columns the statement orders by; the encoder copies the stored
/// JSON text and, for turns, splices the folded `enrichment` in as the last key, the way
/// ``EnrichedTurn/jsonObject`` places it. It remembers the key of the page's last row so the next page (or a
/// resumed stream) starts after it. Columns are found by name once per page.
public struct StoredRowEncoder: Sendable {
    /// What the encoder adds to turns; `nil` for every other kind.
    public struct TurnFolding: Sendable {
        let folder: StampFolder
        let required: [String: String]
        /// The twins to leave out here, when the statement did not collapse twins itself.
        let twins: TwinFilter

        public init(folder: StampFolder, required: [String: String], twins: TwinFilter = TwinFilter()) {
            self.folder = folder
            self.required = required
            self.twins = twins
        }
    }

    /// The encoded records so far.
    public private(set) var page = EncodedRecords()
    /// Rows read so far, kept or not (enrichment filters drop some).
    public private(set) var rowsRead = 0
    /// The sort key of the last row of a full page: where the next page resumes.
    public private(set) var lastKey: [SQLValue]?

    let kind: RecordKind
    let keyColumns: [String]
    let pageSize: Int
    /// A page is also full once it holds this many bytes, so large records do not grow it without bound.
    let byteBudget: Int
    let folding: TurnFolding?
    private var layout: Layout?

    /// - Parameters:
    ///   - kind: The kind the rows hold, for error messages.
    ///   - keyColumns: The result columns that make the sort key, in order.
    ///   - pageSize: The page's row limit: the key is kept from the row that fills it.
    ///   - folding: For turns: the stamps to fold and the enrichment every turn must carry.
    ///   - byteBudget: The page is full at this many bytes too (pagers that step one statement honour it).
    public init(
        kind: RecordKind, keyColumns: [String], pageSize: Int, folding: TurnFolding? = nil, byteBudget: Int = .max
    ) {
        self.kind = kind
        self.keyColumns = keyColumns
        self.pageSize = pageSize
        self.folding = folding
        self.byteBudget = byteBudget
        if byteBudget < .max { page.bytes.reserveCapacity(byteBudget + 64 << 10) }
    }

    /// Whether the page reached its row limit or byte budget: the stream goes on after ``lastKey``.
    public var isFull: Bool { lastKey != nil }

    /// Column positions, resolved by name from the first row.
    private struct Layout {
        let json: Int
        let keys: [Int]
        let sessionId, messageId, ts, turnIndex, id, fingerprint: Int?

        init(_ names: [String], kind: RecordKind, keyColumns: [String], statement: String) throws {
            func position(_ name: String) throws -> Int {
                guard let index = names.firstIndex(of: name) else {
                    throw StoredRecordError(kind: kind, id: "?", reason: "\(statement) returns no \(name) column")
                }
                return index
            }
            json = try position("record_json")
            keys = try keyColumns.map(position)
            sessionId = names.firstIndex(of: "session_id")
            messageId = names.firstIndex(of: "message_id")
            ts = names.firstIndex(of: "ts")
            turnIndex = names.firstIndex(of: "turn_index")
            id = names.firstIndex(of: "id")
            fingerprint = names.firstIndex(of: "fingerprint")
        }
    }

    /// Adds one row.
    ///
    /// - Throws: ``StoredRecordError`` when the row has no JSON or lacks a column the encoder needs.
    public mutating func add(_ row: some StoredRow, statement: String) throws {
        if layout == nil {
            layout = try Layout(row.columnNames, kind: kind, keyColumns: keyColumns, statement: statement)
        }
        rowsRead += 1
        // Full after this row: keep its key, where the next page resumes.
        defer {
            if lastKey == nil && (rowsRead >= pageSize || page.bytes.count >= byteBudget) {
                lastKey = layout!.keys.map(row.value)
            }
        }
        // The hot path of every kind but turns: one copy of the stored bytes, nothing retained per row.
        if folding == nil {
            let copied: Void? = row.withBytes(layout!.json) { page.append(json: $0) }
            if copied == nil { throw nullJSON(row, layout!) }
            return
        }
        try addTurn(row, statement: statement)
    }

    private mutating func addTurn(_ row: some StoredRow, statement: String) throws {
        guard let layout, let folding else { return }
        if !folding.twins.isEmpty, let id = layout.id, let fingerprint = layout.fingerprint {
            let isTwin = row.withBytes(fingerprint) { fingerprint in
                row.withBytes(id) { id in folding.twins.isTwin(fingerprint: fingerprint, id: id) } ?? false
            }
            if isTwin == true { return }
        }
        var enrichment: [String: String] = [:]
        if folding.folder.isEmpty == false {
            guard let session = layout.sessionId, let message = layout.messageId, let ts = layout.ts,
                let index = layout.turnIndex
            else { throw StoredRecordError(kind: .turn, id: "?", reason: "\(statement) lacks the turn's key columns") }
            enrichment = folding.folder.enrichment(
                sessionId: row.value(session).textValue ?? "", messageId: row.value(message).textValue ?? "",
                ts: row.value(ts).textValue ?? "", turnIndex: row.value(index).integerValue ?? 0)
        }
        guard folding.required.allSatisfy({ enrichment[$0.key] == $0.value }) else { return }
        let spliced: Void? = try row.withBytes(layout.json) { json in
            try page.appendTurn(json: json, enrichment: enrichment)
        }
        if spliced == nil { throw nullJSON(row, layout) }
    }

    private func nullJSON(_ row: some StoredRow, _ layout: Layout) -> StoredRecordError {
        StoredRecordError(
            kind: kind, id: layout.keys.last.map { row.value($0).textValue ?? "?" } ?? "?",
            reason: "record_json is NULL")
    }
}

extension EncodedRecords {
    /// The bytes of `,"enrichment":{}}`, the tail of every turn no stamp labels.
    private static let emptyEnrichmentTail = Array(#","enrichment":{}}"#.utf8)
    private static let enrichmentKey = Array(#""enrichment""#.utf8CString)

    /// Appends a stored turn with `enrichment` as its last key, byte for byte what ``EnrichedTurn/jsonObject``
    /// serializes to.
    mutating func appendTurn(json: UnsafeRawBufferPointer, enrichment: [String: String]) throws {
        // A producer's own top-level "enrichment" key is replaced where it stands; that needs the parse.
        guard json.count >= 2, json[json.count - 1] == UInt8(ascii: "}"), !Self.contains(json, Self.enrichmentKey)
        else {
            let text = String(decoding: json, as: UTF8.self)
            guard case .object(var object) = try JSONValue.parse(text) else {
                throw StoredRecordError(kind: .turn, id: "?", reason: "record_json is not an object")
            }
            object["enrichment"] = .object(EnrichedTurn.enrichmentObject(enrichment))
            append(json: object.compactJSON)
            return
        }
        // An empty object `{}` takes no separating comma.
        let body = UnsafeRawBufferPointer(rebasing: json[..<(json.count - 1)])
        bytes.append(contentsOf: body)
        if enrichment.isEmpty {
            bytes.append(
                contentsOf: json.count == 2 ? Array(Self.emptyEnrichmentTail.dropFirst()) : Self.emptyEnrichmentTail)
        } else {
            if json.count > 2 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #""enrichment":"#.utf8)
            bytes.append(contentsOf: JSONValue.object(EnrichedTurn.enrichmentObject(enrichment)).compactJSON.utf8)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }

    /// Whether `needle` occurs in `haystack`, whose bytes are followed by a NUL (``StoredRow/withBytes(_:_:)``)
    /// and hold none themselves (compact JSON escapes U+0000): glibc's vectorised strstr then does the search.
    private static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [CChar]) -> Bool {
        guard let base = haystack.baseAddress else { return false }
        return strstr(base.assumingMemoryBound(to: CChar.self), needle) != nil
    }
}
