public import RelayburnSchema

/// One kind of ledger record: what every adapter, the importer, the copier and the server need to know of it.
///
/// The seven record types conform (``TurnRecord``, ``ContentRecord``, ``CompactionEvent``,
/// ``SessionRelationshipRecord``, ``ToolResultEventRecord``, ``UserTurnRecord``, ``Stamp``). A record keeps the
/// exact JSON object it was validated from, so storing it and reading it back gives the same JSON
/// (docs/records.md §1). Adding a kind means a type conforming here, its migration, its templates under
/// `templates/ledger/<table>/`, and an entry in ``LedgerRecords/all``.
public protocol LedgerRecord: Sendable, Hashable {
    /// What a decoded query of this kind yields: the record itself, or ``EnrichedTurn`` for turns.
    associatedtype QueryOutput: Sendable = Self

    /// The kind, as named in 1.x ledger lines and errors.
    static var kind: RecordKind { get }

    /// The content-addressed id (docs/records.md §3), the primary key appends deduplicate on.
    var id: String { get }

    /// The record exactly as received.
    var object: JSONObject { get }

    /// Checks `value` against the kind's contract and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError`` naming the first offending field.
    static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> Self

    /// The typed columns the SQL stores keep next to `record_json`, by the parameter names of the kind's
    /// insert template; `writtenAt` is the time of the append.
    func storedColumns(writtenAt: String) -> [String: SQLValue]

    /// What the filters of docs/records.md §5 compare for this record.
    var filterFields: RecordFilterFields { get }

    /// What a decoded query yields for `record`, given its folded enrichment (empty for every kind but turns).
    static func queryOutput(_ record: Self, enrichment: [String: String]) -> QueryOutput

    /// The stored record inside a query's output (the turn of an ``EnrichedTurn``).
    static func record(of output: QueryOutput) -> Self

    /// The wire object of a query's output: the record's own, plus `enrichment` for turns.
    static func wireObject(of output: QueryOutput) -> JSONObject

    /// Reads one line of a query's wire form back into its output.
    ///
    /// - Throws: ``RecordError`` when the stored record no longer validates.
    static func decodeOutput(_ value: JSONValue) throws(RecordError) -> QueryOutput
}

extension LedgerRecord {
    public static func wireObject(of output: QueryOutput) -> JSONObject { record(of: output).object }

    public static func decodeOutput(_ value: JSONValue) throws(RecordError) -> QueryOutput {
        queryOutput(try validate(value, index: 0), enrichment: [:])
    }
}

extension LedgerRecord where QueryOutput == Self {
    public static func queryOutput(_ record: Self, enrichment: [String: String]) -> Self { record }
    public static func record(of output: Self) -> Self { output }
}

/// The fields of one record that query filters compare (docs/records.md §5).
public struct RecordFilterFields: Sendable {
    /// Compared with `since`/`until`; records without one pass the time bounds.
    public var ts: String?
    /// Compared with `sessionId`; relationships also offer their related session.
    public var sessionIds: [String]
    /// Compared with `source`; `nil` for stamps, which have none.
    public var source: String?
    /// Compared with `project`; `nil` for kinds the project filter does not apply to.
    public var projects: [String]?

    public init(ts: String?, sessionIds: [String], source: String?, projects: [String]? = nil) {
        self.ts = ts
        self.sessionIds = sessionIds
        self.source = source
        self.projects = projects
    }
}

extension LedgerQuery {
    /// Whether `fields` pass every filter but enrichment and twins.
    public func admits(_ fields: RecordFilterFields) -> Bool {
        guard admits(ts: fields.ts) else { return false }
        if let sessionId, !fields.sessionIds.contains(sessionId) { return false }
        if let source, let recordSource = fields.source, recordSource != source { return false }
        if let project, let projects = fields.projects, !projects.contains(project) { return false }
        return true
    }
}
