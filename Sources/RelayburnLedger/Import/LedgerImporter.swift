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

        public static func == (left: Report, right: Report) -> Bool {
            left.seen == right.seen && left.inserted == right.inserted && left.blankLines == right.blankLines
                && left.rejected.map(\.line) == right.rejected.map(\.line) && left.linesRead == right.linesRead
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

    private static func run(_ parser: BatchParser, into store: some StorageAdapter, progress: ProgressBox) async throws
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
    var turns: [TurnRecord] = []
    var stamps: [Stamp] = []
    var compactions: [CompactionEvent] = []
    var relationships: [SessionRelationshipRecord] = []
    var toolResultEvents: [ToolResultEventRecord] = []
    var userTurns: [UserTurnRecord] = []

    var count: Int {
        turns.count + stamps.count + compactions.count + relationships.count + toolResultEvents.count + userTurns.count
    }

    mutating func add(line: [UInt8], index: Int) throws -> RecordKind {
        let value = try JSONValue.parse(line)
        guard case .object(let envelope) = value else { throw ImportError("the line is not a JSON object") }
        guard let kindName = envelope["kind"]?.stringValue else { throw ImportError("the line has no \"kind\"") }
        if kindName == "stamp" {
            stamps.append(try Stamp.validate(value, index: index))
            return .stamp
        }
        guard let record = envelope["record"] else { throw ImportError("the \(kindName) line has no \"record\"") }
        switch kindName {
        case "turn": turns.append(try TurnRecord.validate(record, index: index))
        case "compaction": compactions.append(try CompactionEvent.validate(record, index: index))
        case "relationship": relationships.append(try SessionRelationshipRecord.validate(record, index: index))
        case "tool_result_event": toolResultEvents.append(try ToolResultEventRecord.validate(record, index: index))
        case "user_turn": userTurns.append(try UserTurnRecord.validate(record, index: index))
        default:
            throw ImportError(
                "unknown kind \"\(kindName)\"; expected turn, stamp, compaction, relationship, tool_result_event or user_turn")
        }
        return RecordKind(rawValue: kindName) ?? .turn
    }

    func flush(into store: some StorageAdapter, report: inout LedgerImporter.Report) async throws {
        if !turns.isEmpty { report.inserted[.turn, default: 0] += try await store.appendTurns(turns) }
        if !compactions.isEmpty { report.inserted[.compaction, default: 0] += try await store.appendCompactions(compactions) }
        if !relationships.isEmpty {
            report.inserted[.relationship, default: 0] += try await store.appendRelationships(relationships)
        }
        if !toolResultEvents.isEmpty {
            report.inserted[.toolResultEvent, default: 0] += try await store.appendToolResultEvents(toolResultEvents)
        }
        if !userTurns.isEmpty { report.inserted[.userTurn, default: 0] += try await store.appendUserTurns(userTurns) }
        if !stamps.isEmpty { report.inserted[.stamp, default: 0] += try await store.appendStamps(stamps) }
    }
}
