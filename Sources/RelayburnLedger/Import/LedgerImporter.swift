/// Imports a relayburn 1.x `ledger.jsonl`: envelope lines `{"v":1,"kind":…,"record":…}` and bare stamp lines.
///
/// Blank, garbled and invalid lines are counted with their line numbers and never stop the import. Records go
/// to the store in atomic batches per kind, so an interrupted import rerun converges to the same rows, and a
/// re-import appends nothing.
public struct LedgerImporter: Sendable {
    /// Records per append batch.
    public var batchSize = 500

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
    /// - Throws: `ImportError` when the file cannot be read; store errors as they come.
    public func importFile(
        _ path: String, into store: some StorageAdapter, progress: (Int) -> Void = { _ in }
    ) async throws -> Report {
        let reader = try LineReader(path: path)
        var report = Report()
        var pending = PendingBatches()
        while let line = reader.next() {
            report.linesRead += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) {
                report.blankLines += 1
                continue
            }
            do {
                let kind = try pending.add(line: line, index: reader.lineNumber)
                report.seen[kind, default: 0] += 1
            } catch {
                report.rejected.append((reader.lineNumber, String(describing: error)))
            }
            if pending.count >= batchSize {
                try await pending.flush(into: store, report: &report)
                progress(report.linesRead)
            }
        }
        try await pending.flush(into: store, report: &report)
        progress(report.linesRead)
        return report
    }
}

/// Records parsed but not yet appended, per kind.
private struct PendingBatches {
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

    mutating func flush(into store: some StorageAdapter, report: inout LedgerImporter.Report) async throws {
        // Turns before stamps is not required (stamps apply to turns written before or after them), but
        // relationships before stamps keeps spawn-env rows next to their neighbours in append order.
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
        self = PendingBatches()
    }
}
