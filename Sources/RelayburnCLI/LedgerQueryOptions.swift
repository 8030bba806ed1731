import ArgumentParser
import RelayburnLedger

/// The filters `query` and `summary` share (docs/records.md section 5).
struct LedgerQueryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only records at or after this time (24h, 7d, 2026-04-20 or a UTC timestamp).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only records at or before this time.", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Only turns whose project or project key is this.", valueName: "project"))
    var project: String?

    @Option(help: ArgumentHelp("Only this session (relationships: either end).", valueName: "id"))
    var session: String?

    @Option(help: ArgumentHelp("Only records from this source (claude-code, codex, ...).", valueName: "source"))
    var source: String?

    func query(enrichment: [String: String] = [:], includeTwins: Bool = false) throws -> LedgerQuery {
        try Self.query(
            since: since, until: until, project: project, session: session, source: source, enrichment: enrichment,
            includeTwins: includeTwins)
    }

    /// The query the options spell, for parsers other than ArgumentParser too (``HotCommandLine``).
    ///
    /// - Throws: `CommandFailure.usage` for a time bound that does not parse.
    static func query(
        since: String?, until: String?, project: String?, session: String?, source: String?,
        enrichment: [String: String], includeTwins: Bool
    ) throws -> LedgerQuery {
        do {
            return LedgerQuery(
                since: try since.map { try TimeBound.parse($0, isUpperBound: false) },
                until: try until.map { try TimeBound.parse($0, isUpperBound: true) }, project: project,
                sessionId: session, source: source, enrichment: enrichment, includeTwins: includeTwins)
        } catch let error as TimeBoundError {
            throw CommandFailure.usage("--since/--until: \(error.description)")
        }
    }
}
