public import RelayburnLedger
import RelayburnSchema

/// Parses transcripts and appends every record kind they yield to a store, incrementally.
///
/// With cursors, unchanged files are skipped by a stat check, grown files resume where their last pass
/// stopped (format note §15), and truncated or replaced files are read again. A file still being written holds
/// back what its next lines may change; a file quiet for ``settleAfter`` is taken as finished and emitted whole.
/// Appends are idempotent, so re-reading stores nothing twice; each file's records go in atomic batches,
/// grouped into few transactions through `bulkAppending`.
public struct TranscriptIngester: Sendable {
    public var contentMode: ContentCaptureMode
    /// How long a transcript must have gone unmodified before its unfinished tail (a message without a stop
    /// reason, a prompt without a reply) is stored as it is: its session has ended, e.g. interrupted.
    public var settleAfter: Duration

    public init(contentMode: ContentCaptureMode = .full, settleAfter: Duration = .seconds(3600)) {
        self.contentMode = contentMode
        self.settleAfter = settleAfter
    }

    /// What one run did.
    public struct Report: Sendable {
        public var filesScanned = 0
        /// Files left unread because their cursor shows them unchanged since their last pass.
        public var filesSkipped = 0
        /// Files read from where their last pass stopped rather than from the start.
        public var filesResumed = 0
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

    /// Ingests `files` into `store`, skipping those `cursors` shows unchanged and recording each pass; the caller
    /// saves `cursors` once this returns, i.e. after the store has committed. `progress` receives the number of
    /// files done.
    public func ingest(
        _ files: [String], into store: some StorageAdapter, cursors: IngestCursors? = nil,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Report {
        let ingester = self
        return try await store.bulkAppending {
            var report = Report()
            var reconciliation = CrossFileReconciliation(cursors: cursors)
            let nowMs = UTCTimestamp.nowMilliseconds()
            for (index, file) in files.enumerated() {
                defer { progress(index + 1) }
                let fingerprint = IngestCursors.fingerprint(of: file)
                let settled =
                    fingerprint.map { nowMs - $0.modifiedNs / 1_000_000 >= ingester.settleAfter.milliseconds } ?? true
                if let cursors, let fingerprint, let entry = cursors.entry(file), entry.fingerprint == fingerprint,
                    entry.isComplete || !settled
                {
                    report.filesSkipped += 1
                    reconciliation.add(file, evidence: nil)
                    continue
                }
                let clock = ContinuousClock()
                let parseStarted = clock.now
                let bytes = try TranscriptFile.read(file)
                let start = fingerprint.flatMap { cursors?.resumeOffset(file, current: $0, bytes: bytes) } ?? 0
                let parser = ClaudeTranscriptParser(
                    fileSessionId: TranscriptFile.sessionId(ofPath: file), contentMode: ingester.contentMode,
                    sessionPath: file)
                let records = parser.parsePass(bytes, from: start, settled: settled)
                report.parseDuration += clock.now - parseStarted
                report.filesScanned += 1
                if start > 0 { report.filesResumed += 1 }
                report.malformedLines += records.malformedLines.map { (file, $0.line, $0.reason) }
                if let partial = records.partialLastLine { report.partialLastLines.append((file, partial.line)) }

                let storeStarted = clock.now
                try await Self.append(records, to: store, report: &report)
                report.storeDuration += clock.now - storeStarted
                reconciliation.add(file, evidence: records.evidence)
                if let cursors, let fingerprint {
                    cursors.record(
                        file,
                        IngestCursors.Entry(
                            fingerprint: fingerprint, offset: records.endOffset,
                            isComplete: records.endOffset >= bytes.count,
                            headHash: IngestCursors.headHash(bytes, offset: records.endOffset),
                            evidence: records.evidence, parent: cursors.entry(file)?.parent))
                }
            }
            // Continuations and forks across files are only known once every file is parsed.
            let reconciled = reconciliation.rows()
            if !reconciled.isEmpty {
                report.extracted[.relationship, default: 0] += reconciled.count
                report.inserted[.relationship, default: 0] += try await store.append(reconciled)
            }
            return report
        }
    }

    private static func append(_ records: ExtractedRecords, to store: some StorageAdapter, report: inout Report)
        async throws
    {
        func add<Record: LedgerRecord>(_ batch: [Record]) async throws {
            guard !batch.isEmpty else { return }
            report.extracted[Record.kind, default: 0] += batch.count
            report.inserted[Record.kind, default: 0] += try await store.append(batch)
        }
        // Turns first, content last: a pass interrupted in between has stored the usage already.
        try await add(records.turns)
        try await add(records.userTurns)
        try await add(records.toolResultEvents)
        try await add(records.compactions)
        try await add(records.relationships)
        try await add(records.content)
    }
}
