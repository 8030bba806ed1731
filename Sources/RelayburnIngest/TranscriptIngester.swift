public import RelayburnLedger

/// Parses transcripts and appends every record kind they yield to a store.
///
/// Appends are idempotent, so re-ingesting a file stores nothing twice; each file's records go in atomic
/// batches, grouped into few transactions through `bulkAppending`.
public struct TranscriptIngester: Sendable {
    public var contentMode: ContentCaptureMode

    public init(contentMode: ContentCaptureMode = .full) {
        self.contentMode = contentMode
    }

    /// What one run did.
    public struct Report: Sendable {
        public var filesScanned = 0
        /// Files left unread because their cursor shows them unchanged since their last complete ingest.
        public var filesSkipped = 0
        /// Per kind: records extracted, and how many were new to the store.
        public var extracted: [RecordKind: Int] = [:]
        public var inserted: [RecordKind: Int] = [:]
        /// `file:line` and reason of every malformed line (never fatal).
        public var malformedLines: [(file: String, line: Int, reason: String)] = []
        /// Files whose last line was still being written; it is left for the next run.
        public var partialLastLines: [(file: String, line: Int)] = []
        /// Time spent reading and parsing transcripts, and storing their records.
        public var parseDuration: Duration = .zero
        public var storeDuration: Duration = .zero
    }

    /// Ingests `files` into `store`, skipping those `cursors` shows unchanged and recording the ones fully read;
    /// the caller saves `cursors` once this returns, i.e. after the store has committed. `progress` receives the
    /// number of files done.
    public func ingest(
        _ files: [String], into store: some StorageAdapter, cursors: IngestCursors? = nil,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Report {
        let mode = contentMode
        return try await store.bulkAppending {
            var report = Report()
            var evidence: [SessionEvidence] = []
            for file in files {
                let fingerprint = IngestCursors.fingerprint(of: file)
                if let cursors, let fingerprint, cursors.isUnchanged(file, fingerprint) {
                    report.filesSkipped += 1
                    continue
                }
                let clock = ContinuousClock()
                let parseStarted = clock.now
                let records = try ClaudeTranscriptParser.parseFile(atPath: file, contentMode: mode)
                report.parseDuration += clock.now - parseStarted
                report.filesScanned += 1
                report.malformedLines += records.malformedLines.map { (file, $0.line, $0.reason) }
                if let partial = records.partialLastLine {
                    // The writer is mid-line: the records before it may still change (a user turn's following
                    // message, a turn's last blocks), and a stored record is never updated. Leave the whole file
                    // for the next run.
                    report.partialLastLines.append((file, partial.line))
                    continue
                }
                evidence.append(records.evidence)
                let storeStarted = clock.now
                try await Self.append(records, to: store, report: &report)
                report.storeDuration += clock.now - storeStarted
                if let cursors, let fingerprint { cursors.record(file, fingerprint) }
                progress(report.filesScanned + report.filesSkipped)
            }
            // Continuations and forks across files are only known once every file is parsed.
            let reconciled = RelationshipReconciler.reconcile(evidence)
            report.extracted[.relationship, default: 0] += reconciled.count
            if !reconciled.isEmpty {
                report.inserted[.relationship, default: 0] += try await store.appendRelationships(reconciled)
            }
            return report
        }
    }

    private static func append(_ records: ExtractedRecords, to store: some StorageAdapter, report: inout Report) async throws {
        func add<Record>(_ kind: RecordKind, _ batch: [Record], _ append: ([Record]) async throws -> Int) async throws {
            guard !batch.isEmpty else { return }
            report.extracted[kind, default: 0] += batch.count
            report.inserted[kind, default: 0] += try await append(batch)
        }
        try await add(.turn, records.turns, store.appendTurns)
        try await add(.userTurn, records.userTurns, store.appendUserTurns)
        try await add(.toolResultEvent, records.toolResultEvents, store.appendToolResultEvents)
        try await add(.compaction, records.compactions, store.appendCompactions)
        try await add(.relationship, records.relationships, store.appendRelationships)
        try await add(.content, records.content, store.appendContent)
    }
}
