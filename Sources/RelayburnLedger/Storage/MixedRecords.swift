/// Records of several kinds appended as one unit (the collector's `POST /v1/ingest`): all of them are stored or
/// none. Kinds keep the order of ``LedgerRecords/all``, so stamps come after the turns they name.
public struct MixedRecords: Sendable {
    /// Each kind's records, in the order they were added.
    public private(set) var byKind: [RecordKind: [any LedgerRecord]] = [:]

    public init() {}

    /// Adds one validated record.
    public mutating func add(_ record: any LedgerRecord) {
        byKind[type(of: record).kind, default: []].append(record)
    }

    /// How many records there are.
    public var count: Int { byKind.values.reduce(0) { $0 + $1.count } }

    /// The kinds present, in ``LedgerRecords/all`` order, with their records typed.
    public func forEachKind(_ body: (any LedgerRecord.Type, [any LedgerRecord]) async throws -> Void) async rethrows {
        for type in LedgerRecords.all {
            if let records = byKind[type.kind] { try await body(type, records) }
        }
    }

    /// One kind's records as their own type.
    public func records<Record: LedgerRecord>(_ type: Record.Type) -> [Record] {
        (byKind[Record.kind] ?? []).map { $0 as! Record }
    }
}

extension StorageAdapter {
    /// Appends `records` kind by kind: atomic per kind only. Stores that can do better (the SQL stores, in one
    /// transaction) override it; the memory store cannot fail between kinds once records are validated.
    public func appendMixed(_ records: MixedRecords) async throws -> [RecordKind: Int] {
        var inserted: [RecordKind: Int] = [:]
        try await records.forEachKind { type, _ in
            inserted[type.kind] = try await appendKind(type, of: records)
        }
        return inserted
    }

    private func appendKind<Record: LedgerRecord>(_ type: Record.Type, of records: MixedRecords) async throws -> Int {
        try await append(records.records(type))
    }
}
