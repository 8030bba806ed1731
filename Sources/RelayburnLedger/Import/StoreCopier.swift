/// Copies every record of one store into another, in batches, idempotently: a rerun after an interruption
/// appends only what is missing and ends with the same rows.
public struct StoreCopier: Sendable {
    /// Records per append batch.
    public var batchSize = 5_000

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
                try await Self.copy(
                    type, from: source, to: target, batchSize: batchSize, report: &report, progress: progress)
            }
            return report
        }
    }

    /// Copies every record of one kind (turns with their twins, stamps in append order).
    ///
    /// Reading and writing overlap: while a batch is being appended (up to the target's
    /// ``StorageAdapter/appendConcurrency`` at once), the next one is read. Batches are independent (atomic,
    /// idempotent, commutative), so their order of commit does not matter; stamps, whose append order breaks
    /// ties when they fold, are appended one batch at a time.
    private static func copy<Record: LedgerRecord>(
        _: Record.Type, from source: some StorageAdapter, to target: some StorageAdapter, batchSize: Int,
        report: inout Report, progress: @Sendable (RecordKind, Int) -> Void
    ) async throws {
        let kind = Record.kind
        let concurrency = kind == .stamp ? 1 : max(1, target.appendConcurrency)
        var inFlight: [(task: Task<Int, any Error>, read: Int)] = []
        var batch: [Record] = []
        var read = 0
        var inserted = 0
        func land() async throws {
            let flight = inFlight.removeFirst()
            inserted += try await flight.task.value
            progress(kind, flight.read)
        }
        func send(_ records: [Record]) async throws {
            // A stamp batch must land before the next is sent; other kinds keep `concurrency` in flight.
            if inFlight.count >= concurrency { try await land() }
            inFlight.append((Task { try await target.append(records) }, read))
            if kind == .stamp { try await land() }
        }
        do {
            for try await output in source.query(Record.self, LedgerQuery(includeTwins: true)) {
                batch.append(Record.record(of: output))
                read += 1
                if batch.count == batchSize {
                    try await send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try await send(batch) }
            while !inFlight.isEmpty { try await land() }
        } catch {
            // Nothing may still write once the caller sees the failure.
            for flight in inFlight { _ = try? await flight.task.value }
            throw error
        }
        progress(kind, read)
        report.read[kind] = read
        report.inserted[kind] = inserted
    }
}

extension StoreCopier {
    /// How many records of each kind `store` holds (turns with their twins): counted by the database where the
    /// store has one (``StorageAdapter/count(_:)``).
    public static func counts(of store: some StorageAdapter) async throws -> [RecordKind: Int] {
        var counts: [RecordKind: Int] = [:]
        for kind in RecordKind.allCases { counts[kind] = try await store.count(kind) }
        return counts
    }
}
