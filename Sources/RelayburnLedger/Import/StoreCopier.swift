/// Copies every record of one store into another, in batches, idempotently: a rerun after an interruption
/// appends only what is missing and ends with the same rows.
public struct StoreCopier: Sendable {
    /// Records per append batch.
    public var batchSize = 1_000

    public init() {}

    /// Per kind: records read from the source, and how many were new to the target.
    public struct Report: Sendable, Equatable {
        public var read: [RecordKind: Int] = [:]
        public var inserted: [RecordKind: Int] = [:]
    }

    /// Copies turns (twins included), content, compactions, relationships, tool-result events, user turns and
    /// stamps; `progress` receives the kind being copied and the records read of it so far.
    public func copy(
        from source: some StorageAdapter, to target: some StorageAdapter,
        progress: @escaping @Sendable (RecordKind, Int) -> Void = { _, _ in }
    ) async throws -> Report {
        let batchSize = self.batchSize
        return try await target.bulkAppending {
            var report = Report()
            for type in LedgerRecords.all {
                try await Self.copy(type, from: source, to: target, batchSize: batchSize, report: &report, progress: progress)
            }
            return report
        }
    }

    /// Copies every record of one kind (turns with their twins, stamps in append order).
    private static func copy<Record: LedgerRecord>(
        _: Record.Type, from source: some StorageAdapter, to target: some StorageAdapter, batchSize: Int,
        report: inout Report, progress: @Sendable (RecordKind, Int) -> Void
    ) async throws {
        let kind = Record.kind
        var batch: [Record] = []
        var read = 0
        var inserted = 0
        for try await output in source.query(Record.self, LedgerQuery(includeTwins: true)) {
            batch.append(Record.record(of: output))
            read += 1
            if batch.count == batchSize {
                inserted += try await target.append(batch)
                batch.removeAll(keepingCapacity: true)
                progress(kind, read)
            }
        }
        if !batch.isEmpty { inserted += try await target.append(batch) }
        progress(kind, read)
        report.read[kind] = read
        report.inserted[kind] = inserted
    }
}

extension StoreCopier {
    /// How many records of each kind `store` holds (turns with their twins), by streaming them.
    public static func counts(of store: some StorageAdapter) async throws -> [RecordKind: Int] {
        var counts: [RecordKind: Int] = [:]
        for type in LedgerRecords.all { counts[type.kind] = try await count(type, in: store) }
        return counts
    }

    /// How many records of `Record` the store holds, counted from encoded pages (nothing is decoded).
    private static func count<Record: LedgerRecord>(_: Record.Type, in store: some StorageAdapter) async throws -> Int {
        var total = 0
        for try await page in store.queryEncoded(Record.self, LedgerQuery(includeTwins: true)) { total += page.count }
        return total
    }
}
