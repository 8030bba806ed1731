import RelayburnLedger
import RelayburnWire

/// The query strings of the routes that accept fewer filters than a kind's read (openapi.yaml): each drops the
/// filters that route refuses and that mean nothing for what it returns, so every store answers alike.
enum RouteQueries {
    /// `GET /v1/stamps`: no `after` (append order), and `includeTwins` and `enrichment` concern turns only.
    static func stamps(_ query: LedgerQuery) -> String {
        QueryString.encode(
            LedgerQuery(
                since: query.since, until: query.until, project: query.project, sessionId: query.sessionId,
                source: query.source))
    }

    /// `GET /v1/content/search`: `q` plus the filters that apply to content; `project`, `includeTwins` and
    /// `enrichment` never narrow content in any store, and `after` is not taken (the client skips instead).
    static func search(_ text: String, _ query: LedgerQuery) -> String {
        QueryString.encode(
            LedgerQuery(since: query.since, until: query.until, sessionId: query.sessionId, source: query.source),
            extra: [("q", text)])
    }

    /// `GET /v1/summary`: the filters of canonical turns, enrichment and cursors aside, and `by`.
    static func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) -> String {
        QueryString.encode(
            LedgerQuery(
                since: query.since, until: query.until, project: query.project, sessionId: query.sessionId,
                source: query.source),
            extra: grouping.map { [("by", $0.rawValue)] } ?? [])
    }
}
