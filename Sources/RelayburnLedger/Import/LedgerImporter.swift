/// Imports a relayburn 1.x `ledger.jsonl`: envelope lines `{"v":1,"kind":…,"record":…}` and bare stamp lines.
///
/// Blank, garbled and invalid lines are counted with their line numbers and never stop the import. Records go
/// to the store in atomic batches per kind, so an interrupted import rerun converges to the same rows, and a
/// re-import appends nothing.
public struct LedgerImporter: Sendable {
    /// Records per append batch.
    public var batchSize = 5_000

    public init() {}

    /// Counts of one import.
    public struct Report: Sendable, Equatable {
        /// Per record kind: how many lines carried it, and how many of those were new to the store.
        public var seen: [RecordKind: Int] = [:]
        public var inserted: [RecordKind: Int] = [:]
        public var blankLines = 0
        /// Line numbers and reasons of lines that were not valid JSON or not valid records.
        public var rejected: [(line: Int, reason: String)] = []
        public var linesRead = 0
        /// Lines written by early 1.x versions that were read as 1.x's own importer reads them
        /// (``LegacyToolResultEvent``).
        public var normalized = 0

        public static func == (left: Report, right: Report) -> Bool {
            left.seen == right.seen && left.inserted == right.inserted && left.blankLines == right.blankLines
                && left.rejected.map(\.line) == right.rejected.map(\.line) && left.linesRead == right.linesRead
                && left.normalized == right.normalized
        }
    }

    /// Imports `path` into `store`; `progress` is called after each batch with the lines read so far.
    ///
    /// The next batch is parsed while the current one is being stored, so parsing and the database work on
    /// two cores at once.
    ///
    /// - Throws: `ImportError` when the file cannot be read; store errors as they come.
    public func importFile(
        _ path: String, into store: some StorageAdapter, progress: @escaping (Int) -> Void = { _ in }
    ) async throws -> Report {
        let parser = BatchParser(reader: try LineReader(path: path), batchSize: batchSize)
        let progressBox = ProgressBox(progress)
        return try await store.bulkAppending {
            try await Self.run(parser, into: store, progress: progressBox)
        }
    }

    private static func run(
        _ parser: BatchParser, into store: some StorageAdapter, progress: ProgressBox
    ) async throws
        -> Report
    {
        var report = Report()
        // Stores that write on several sessions take the next batch while earlier ones are still in flight;
        // batches are independent (atomic, idempotent, commutative), so their order of commit does not matter.
        let concurrency = max(1, store.appendConcurrency)
        var inFlight: [(task: Task<[RecordKind: Int], any Error>, linesRead: Int)] = []
        func land(_ flight: (task: Task<[RecordKind: Int], any Error>, linesRead: Int)) async throws {
            for (kind, count) in try await flight.task.value { report.inserted[kind, default: 0] += count }
            progress.call(flight.linesRead)
        }
        var next = Task { parser.nextBatch() }
        do {
            while let batch = await next.value {
                next = Task { parser.nextBatch() }
                report.linesRead = batch.linesRead
                report.blankLines += batch.blankLines
                report.normalized += batch.records.normalized
                report.rejected += batch.rejected
                for (kind, count) in batch.seen { report.seen[kind, default: 0] += count }
                let records = batch.records
                let task = Task {
                    var partial = Report()
                    try await records.flush(into: store, report: &partial)
                    return partial.inserted
                }
                inFlight.append((task, batch.linesRead))
                if inFlight.count >= concurrency { try await land(inFlight.removeFirst()) }
            }
            while !inFlight.isEmpty { try await land(inFlight.removeFirst()) }
        } catch {
            // Nothing may still write once the caller sees the failure.
            for flight in inFlight { _ = try? await flight.task.value }
            _ = await next.value
            throw error
        }
        return report
    }
}

/// Carries the caller's progress callback into the `@Sendable` bulk body.
private final class ProgressBox: @unchecked Sendable {
    // @unchecked Sendable: called only from the importer's own task, sequentially, never concurrently.
    private let progress: (Int) -> Void
    init(_ progress: @escaping (Int) -> Void) { self.progress = progress }
    func call(_ lines: Int) { progress(lines) }
}

/// Reads and parses one batch at a time.
private final class BatchParser: @unchecked Sendable {
    // @unchecked Sendable: the importer hands it to one task at a time, each awaited before the next starts,
    // so the reader is never used concurrently.
    private let reader: LineReader
    private let batchSize: Int
    private var finished = false

    init(reader: LineReader, batchSize: Int) {
        self.reader = reader
        self.batchSize = batchSize
    }

    struct Batch: Sendable {
        var records = PendingBatches()
        var seen: [RecordKind: Int] = [:]
        var blankLines = 0
        var rejected: [(line: Int, reason: String)] = []
        var linesRead = 0
    }

    /// The next batch, or `nil` at the end of the file.
    func nextBatch() -> Batch? {
        guard !finished else { return nil }
        var batch = Batch()
        while batch.records.count < batchSize, let line = reader.next() {
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) {
                batch.blankLines += 1
                continue
            }
            do {
                batch.seen[try batch.records.add(line: line, index: reader.lineNumber), default: 0] += 1
            } catch {
                batch.rejected.append((reader.lineNumber, String(describing: error)))
            }
        }
        batch.linesRead = reader.lineNumber
        if batch.records.count < batchSize { finished = true }
        return batch
    }
}

/// Records parsed but not yet appended, per kind.
struct PendingBatches: Sendable {
    /// One batch per kind seen so far, flushed in ``LedgerRecords/all`` order.
    private var batches: [RecordKind: any PendingBatch] = [:]
    private(set) var count = 0
    /// Lines normalised from an early 1.x shape.
    private(set) var normalized = 0

    /// The 1.x ledger line kinds: every record kind but content, which never appeared in that file.
    private static let lineKinds = LedgerRecords.all.filter { $0.kind != .content }

    mutating func add(line: [UInt8], index: Int) throws -> RecordKind {
        let value = try JSONValue.parse(line)
        guard case .object(let envelope) = value else { throw ImportError("the line is not a JSON object") }
        guard let kindName = envelope["kind"]?.stringValue else { throw ImportError("the line has no \"kind\"") }
        guard let type = Self.lineKinds.first(where: { $0.kind.rawValue == kindName }) else {
            throw ImportError(
                "unknown kind \"\(kindName)\"; expected turn, stamp, compaction, relationship, tool_result_event or user_turn"
            )
        }
        // Stamp lines are the stamp itself; every other kind wraps its record in "record".
        var record: JSONValue
        if type.kind == .stamp {
            record = value
        } else {
            guard let wrapped = envelope["record"] else { throw ImportError("the \(kindName) line has no \"record\"") }
            record = wrapped
        }
        if type.kind == .toolResultEvent, let normalized = LegacyToolResultEvent.normalized(record) {
            record = normalized
            self.normalized += 1
        }
        try add(record, index: index, as: type)
        count += 1
        return type.kind
    }

    private mutating func add<Record: LedgerRecord>(_ value: JSONValue, index: Int, as _: Record.Type) throws {
        // Taken out of the dictionary first, so the array has one owner and appending does not copy it.
        var batch = batches.removeValue(forKey: Record.kind) as? TypedBatch<Record> ?? TypedBatch<Record>()
        defer { batches[Record.kind] = batch }
        batch.records.append(try Record.validate(value, index: index))
    }

    func flush(into store: some StorageAdapter, report: inout LedgerImporter.Report) async throws {
        for type in LedgerRecords.all {
            guard let batch = batches[type.kind] else { continue }
            report.inserted[type.kind, default: 0] += try await batch.append(to: store)
        }
    }
}

/// The pending records of one kind.
private protocol PendingBatch: Sendable {
    func append(to store: some StorageAdapter) async throws -> Int
}

private struct TypedBatch<Record: LedgerRecord>: PendingBatch {
    var records: [Record] = []

    func append(to store: some StorageAdapter) async throws -> Int {
        records.isEmpty ? 0 : try await store.append(records)
    }
}
