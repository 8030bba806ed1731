import AsyncHTTPClient
import NIOCore
import RelayburnLedger
import RelayburnSchema
import RelayburnWire

extension HTTPTransport {
    /// The error for an answer no retry can change, with the server's code and message when it sent one.
    func refusal(_ reply: WireReply, _ request: WireRequest) -> HTTPStoreError {
        let id = reply.requestId.map { " (request id \($0))" } ?? ""
        guard let wire = WireError.parse(status: reply.status, body: reply.body) else {
            return HTTPStoreError(
                .rejected,
                "\(server.redacted) answered \(request.route) with status \(reply.status) and no relayburn error"
                    + "\(id); check that the URL names a relayburn server",
                status: reply.status, requestId: reply.requestId)
        }
        return HTTPStoreError(
            .rejected,
            "\(server.redacted) refused \(request.route) with \(reply.status) \(wire.code)\(id): \(wire.message)",
            status: reply.status, serverCode: wire.code, requestId: reply.requestId)
    }

    /// The error once the budget is spent: the route, the attempts and the last failure.
    func exhausted(_ request: WireRequest, _ schedule: RetrySchedule) -> HTTPStoreError {
        let seconds = schedule.elapsed().components.seconds
        return HTTPStoreError(
            .retriesExhausted,
            "\(request.route) to \(server.redacted) failed \(schedule.attempts) times over \(seconds) s, the whole "
                + "retry budget; last error: \(schedule.lastFailure ?? "none"); run it again once the server is "
                + "reachable")
    }

    /// A failure no retry can fix, as a ``RelayburnError`` (cancellation stays `CancellationError`).
    func failure(_ error: any Error, _ request: WireRequest) -> any Error {
        if error is any RelayburnError || error is CancellationError { return error }
        if let error = error as? HTTPClientError {
            if error == .cancelled { return CancellationError() }
            if error == .alreadyShutdown { return StoreClosedError(store: "the http store at \(server.redacted)") }
        }
        if error is NDJSONLineTooLong {
            return HTTPStoreError(
                .malformedResponse, "\(server.redacted) answered \(request.route) with a line too long to be a record")
        }
        return HTTPStoreError(.transportFailed, "\(request.route) to \(server.redacted) failed: \(error)")
    }

    /// `503 store_unavailable: message (request id …)`, for retry messages.
    static func statusSummary(_ reply: WireReply) -> String {
        let id = reply.requestId.map { " (request id \($0))" } ?? ""
        guard let wire = WireError.parse(status: reply.status, body: reply.body) else {
            return "status \(reply.status)\(id)"
        }
        return "\(reply.status) \(wire.code): \(wire.message)\(id)"
    }
}
