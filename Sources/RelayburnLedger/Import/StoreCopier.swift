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
            let everything = LedgerQuery(includeTwins: true)
            try await Self.copy(
                source.queryTurns(everything), kind: .turn, batchSize: batchSize, report: &report, progress: progress
            ) { try await target.appendTurns($0.map(\.turn)) }
            try await Self.copy(
                source.queryContent(everything), kind: .content, batchSize: batchSize, report: &report,
                progress: progress, append: target.appendContent)
            try await Self.copy(
                source.queryCompactions(everything), kind: .compaction, batchSize: batchSize, report: &report,
                progress: progress, append: target.appendCompactions)
            try await Self.copy(
                source.queryRelationships(everything), kind: .relationship, batchSize: batchSize, report: &report,
                progress: progress, append: target.appendRelationships)
            try await Self.copy(
                source.queryToolResultEvents(everything), kind: .toolResultEvent, batchSize: batchSize,
                report: &report, progress: progress, append: target.appendToolResultEvents)
            try await Self.copy(
                source.queryUserTurns(everything), kind: .userTurn, batchSize: batchSize, report: &report,
                progress: progress, append: target.appendUserTurns)
            let stamps = try await source.allStamps()
            report.read[.stamp] = stamps.count
            report.inserted[.stamp] = try await target.appendStamps(stamps)
            return report
        }
    }

    private static func copy<Element: Sendable>(
        _ records: AsyncThrowingStream<Element, any Error>, kind: RecordKind, batchSize: Int,
        report: inout Report, progress: @Sendable (RecordKind, Int) -> Void,
        append: ([Element]) async throws -> Int
    ) async throws {
        var batch: [Element] = []
        var read = 0
        var inserted = 0
        for try await record in records {
            batch.append(record)
            read += 1
            if batch.count == batchSize {
                inserted += try await append(batch)
                batch.removeAll(keepingCapacity: true)
                progress(kind, read)
            }
        }
        if !batch.isEmpty { inserted += try await append(batch) }
        progress(kind, read)
        report.read[kind] = read
        report.inserted[kind] = inserted
    }
}

extension StoreCopier {
    /// How many records of each kind `store` holds (turns with their twins), by streaming them.
    public static func counts(of store: some StorageAdapter) async throws -> [RecordKind: Int] {
        let everything = LedgerQuery(includeTwins: true)
        func count<Element>(_ stream: AsyncThrowingStream<Element, any Error>) async throws -> Int {
            var total = 0
            for try await _ in stream { total += 1 }
            return total
        }
        return [
            .turn: try await count(store.queryTurns(everything)),
            .content: try await count(store.queryContent(everything)),
            .compaction: try await count(store.queryCompactions(everything)),
            .relationship: try await count(store.queryRelationships(everything)),
            .toolResultEvent: try await count(store.queryToolResultEvents(everything)),
            .userTurn: try await count(store.queryUserTurns(everything)),
            .stamp: try await store.allStamps().count,
        ]
    }
}
