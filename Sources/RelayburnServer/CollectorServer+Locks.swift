import HTTPTypes
import Hummingbird
import RelayburnLedger
import RelayburnWire

extension CollectorServer {
    /// `POST /v1/locks/{name}/acquire|renew|release`.
    func lock(
        _ name: String, _ action: ServerRoute.LockAction, _ request: Request, log: inout AccessLogLine
    ) async throws(WireError) -> ServerReply {
        guard LockName.isValid(name) else {
            throw WireError(
                status: 400, code: "invalid_lock_name",
                message: "lock names are 1-200 characters of A-Z a-z 0-9 . _ : / -")
        }
        let body = try await readObject(request, log: &log)
        switch action {
        case .acquire:
            let ttlMs = try Self.integer(body, "ttlMs", default: 30_000, range: 1_000...settings.limits.maxLeaseTtlMs)
            let waitMs = try Self.integer(body, "waitMs", default: 0, range: 0...60_000)
            // Scoped to the caller's key: another key that guesses the lock name and the idempotency key must
            // not be handed the live lease's token.
            let caller = log.key ?? ""
            let key = request.headers[HTTPField.Name("Idempotency-Key")!].flatMap {
                $0.isEmpty ? nil : caller + "\u{0}" + String($0.prefix(200))
            }
            do {
                let grant = try await leases.acquire(name: name, ttlMs: ttlMs, waitMs: waitMs, idempotencyKey: key)
                metrics.setLeasesHeld(await leases.heldCount)
                return .json(grant.json)
            } catch {
                throw storeFailure(error, operation: "acquire")
            }
        case .renew:
            let token = try Self.token(body)
            let ttlMs: Int64? =
                body["ttlMs"] == nil
                ? nil : try Self.integer(body, "ttlMs", default: 30_000, range: 1_000...settings.limits.maxLeaseTtlMs)
            do {
                return .json(try await leases.renew(name: name, token: token, ttlMs: ttlMs).json)
            } catch {
                throw storeFailure(error, operation: "renew")
            }
        case .release:
            let released = await leases.release(name: name, token: try Self.token(body))
            metrics.setLeasesHeld(await leases.heldCount)
            return .json(["released": .bool(released)])
        }
    }

    static func token(_ body: JSONValue) throws(WireError) -> String {
        guard let token = body["token"]?.stringValue, !token.isEmpty else {
            throw WireError(
                status: 400, code: "invalid_json", message: "token must be the string acquire returned",
                details: ["field": "token"])
        }
        return token
    }

    static func integer(
        _ body: JSONValue, _ field: String, default fallback: Int64, range: ClosedRange<Int64>
    ) throws(WireError) -> Int64 {
        guard let value = body[field] else { return fallback }
        guard let number = value.integerValue, range.contains(number) else {
            throw WireError(
                status: 400, code: "invalid_json",
                message: "\(field) must be an integer from \(range.lowerBound) to \(range.upperBound)",
                details: ["field": .string(field)])
        }
        return number
    }
}
