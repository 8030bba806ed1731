public import RelayburnLedger

/// Everything one parse of a Claude Code transcript produced, each kind in emission order.
public struct ExtractedRecords: Sendable {
    /// Assistant turns, one per `message.id`, in order of first appearance.
    public var turns: [TurnRecord] = []
    /// User lines with their per-block sizes, in file order.
    public var userTurns: [UserTurnRecord] = []
    /// Tool results and subagent notifications, in `eventIndex` order.
    public var toolResultEvents: [ToolResultEventRecord] = []
    /// `compact_boundary` markers, in file order.
    public var compactions: [CompactionEvent] = []
    /// Root, explicit fork/continuation, `/resume` continuation and subagent rows of this file.
    public var relationships: [SessionRelationshipRecord] = []
    /// Raw text (only with ``ContentCaptureMode/full``), ordered by source line, user before assistant.
    public var content: [ContentRecord] = []
    /// Lines that were skipped: not JSON, not an object, or (a parser bug) a record the ledger rejected.
    /// Each is its 1-based line number and the reason.
    public var malformedLines: [(line: Int, reason: String)] = []
    /// The unfinished final line, if the input ended inside one.
    public var partialLastLine: PartialLastLine?
    /// Where the next incremental pass over this file should start: just after the last line used, or, in an
    /// incremental pass, at the first line of the earliest record held back because later lines may change it.
    public var endOffset = 0
    /// Per-file facts that cross-file relationship reconciliation needs (format note §11.7).
    public var evidence: SessionEvidence

    /// Creates an empty result for a file with the given evidence.
    public init(evidence: SessionEvidence) {
        self.evidence = evidence
    }
}
