import Hummingbird
import RelayburnLedger
import RelayburnWire

extension CollectorServer {
    /// `GET /v1/summary?<filters>&by=`: computed by the backing store, answered as `relayburn summary --json`.
    func summary(_ request: Request) async throws(WireError) -> ServerReply {
        let pairs = try queryPairs(request)
        let query = try ledgerQuery(pairs, extra: ["by"])
        var grouping: SummaryGrouping?
        if let by = QueryString.value("by", in: pairs), !by.isEmpty {
            guard let parsed = SummaryGrouping(rawValue: by) else {
                throw .invalidQuery("by=\(QueryString.echo(by)) is not a grouping; use model, project, session or day")
            }
            grouping = parsed
        }
        do {
            return .json(try await store.summary(query, by: grouping).json)
        } catch {
            throw storeFailure(error, operation: "summary")
        }
    }

    /// `GET /v1/content/sessions`.
    func contentSessions(_ request: Request) async throws(WireError) -> ServerReply {
        guard (request.uri.query ?? "").isEmpty else { throw .invalidQuery("this route takes no query parameters") }
        do {
            let sessions = try await store.listContentSessionIds()
            return .json(["sessions": .array(sessions.map(JSONValue.string))])
        } catch {
            throw storeFailure(error, operation: "list_content_sessions")
        }
    }

    /// `POST /v1/content/prune {"olderThanMs": N}` (admin).
    func prune(_ request: Request, log: inout AccessLogLine) async throws(WireError) -> ServerReply {
        let body = try await readObject(request, log: &log)
        guard let olderThanMs = body["olderThanMs"]?.integerValue, olderThanMs >= 0 else {
            throw WireError(
                status: 400, code: "invalid_json", message: "olderThanMs must be a non-negative integer",
                details: ["field": "olderThanMs"])
        }
        do {
            return .json(try await store.pruneContent(olderThanMs: olderThanMs, isRecoverable: nil).wireJSON)
        } catch {
            throw storeFailure(error, operation: "prune")
        }
    }
}
