/// The filters of docs/records.md section 5, combined with AND; every one optional, empty strings treated as absent.
public struct LedgerQuery: Sendable, Equatable {
    /// Inclusive lower bound on `ts`, compared as strings (records without `ts` pass).
    public var since: String?
    /// Inclusive upper bound on `ts`.
    public var until: String?
    /// Turns only: matches `project` or `projectKey`.
    public var project: String?
    /// Exact session; relationships also match `relatedSessionId`.
    public var sessionId: String?
    /// Exact source.
    public var source: String?
    /// Turns only: every key must be present with exactly this value in the folded enrichment.
    public var enrichment: [String: String]
    /// Turns only: return every fingerprint twin instead of the canonical one (smallest id).
    public var includeTwins: Bool
    /// Resume just after this record (``StreamCursor``); not for stamps.
    public var after: StreamCursor?

    public init(
        since: String? = nil, until: String? = nil, project: String? = nil, sessionId: String? = nil,
        source: String? = nil, enrichment: [String: String] = [:], includeTwins: Bool = false,
        after: StreamCursor? = nil
    ) {
        self.since = since.flatMap { $0.isEmpty ? nil : $0 }
        self.until = until.flatMap { $0.isEmpty ? nil : $0 }
        self.project = project.flatMap { $0.isEmpty ? nil : $0 }
        self.sessionId = sessionId.flatMap { $0.isEmpty ? nil : $0 }
        self.source = source.flatMap { $0.isEmpty ? nil : $0 }
        self.enrichment = enrichment.filter { !$0.key.isEmpty }
        self.includeTwins = includeTwins
        self.after = after
    }

    /// Whether a record's `ts` (absent for some kinds) passes the time bounds.
    public func admits(ts: String?) -> Bool {
        guard let ts else { return true }
        if let since, ts < since { return false }
        if let until, ts > until { return false }
        return true
    }
}
