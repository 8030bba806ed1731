import NIOHTTP1
import RelayburnLedger
import RelayburnSchema
import RelayburnWire

/// The lease routes of server.md §7: acquire (waiting on the server up to 60 s per request), renew, release.
extension HTTPStore {
    /// The longest wait one acquire asks the server for: its own cap, and short enough that the read timeout does
    /// not fire while the server holds the request.
    static let maxServerWaitMs: Int64 = 60_000

    /// The lease asked for: the configured one within the server's bounds (at least 1 s).
    var leaseTtlMs: Int64 { min(max(options.leaseTtlMs, 1_000), limits.maxLeaseTtlMs) }

    /// Acquires `name`, asking again while it is held until `timeoutMs` has passed.
    ///
    /// Each request carries a fresh `Idempotency-Key`, kept across the retries of that request, so a retry whose
    /// first answer was lost gets the lease it was granted rather than a 409 against itself.
    ///
    /// - Throws: `LockTimeoutError` with the holder the server named; ``HTTPStoreError``.
    func acquireLease(_ name: String, ttlMs: Int64, timeoutMs: Int64) async throws -> LeaseGrant {
        let clock = ContinuousClock()
        let started = clock.now
        let serverWaitCap = min(Self.maxServerWaitMs, max(0, options.readTimeout.milliseconds - 10_000))
        while true {
            let round = clock.now
            let waitMs = min(max(0, timeoutMs - (round - started).milliseconds), serverWaitCap)
            var request = leaseRequest(name, "acquire", ["ttlMs": .integer(ttlMs), "waitMs": .integer(waitMs)])
            request.headers = [("Idempotency-Key", Self.randomHex(bytes: 16))]
            request.serverWait = .milliseconds(waitMs)
            let reply = try await transport.send(request, accepting: [409])
            if reply.status != 409 { return try grant(reply, request) }
            let wire = WireError.parse(status: 409, body: reply.body)
            guard wire?.code == "lock_not_acquired" else { throw transport.refusal(reply, request) }
            let waitedMs = (clock.now - started).milliseconds
            if waitedMs >= timeoutMs {
                throw LockTimeoutError(name: name, waitedMs: waitedMs, holder: wire.flatMap(Self.holder))
            }
            // A server that answers long before the wait it was given would make this loop spin; pace it.
            if (clock.now - round).milliseconds < waitMs / 2 {
                try await Task.sleep(for: .milliseconds(min(250, max(1, timeoutMs - waitedMs))))
            }
        }
    }

    /// Renews `token`; a 409 or any failure within `budget` means the lease may be someone else's now.
    ///
    /// - Throws: ``HTTPStoreError`` `leaseLost`, or `CancellationError`.
    func renewLease(_ name: String, token: String, budget: Duration) async throws -> LeaseGrant {
        let request = leaseRequest(name, "renew", ["token": .string(token)])
        do {
            let reply = try await transport.send(request, accepting: [409], budget: budget)
            guard reply.status != 409 else {
                let wire = WireError.parse(status: 409, body: reply.body)
                throw leaseLost(name, because: wire.map { "\($0.code): \($0.message)" } ?? "409")
            }
            return try grant(reply, request)
        } catch let error as HTTPStoreError where error.code != .leaseLost {
            throw leaseLost(name, because: error.description)
        }
    }

    /// Releases `token` (idempotent on the server), trying for at most one lease's time: it expires by then anyway.
    func releaseLease(_ name: String, token: String, ttlMs: Int64) async throws {
        let request = leaseRequest(name, "release", ["token": .string(token)])
        _ = try await transport.send(request, budget: min(options.retryBudget, .milliseconds(ttlMs)))
    }

    /// The error of server.md §7 when a renew fails: the body was cancelled, since another holder may run now.
    func leaseLost(_ name: String, because reason: String) -> HTTPStoreError {
        HTTPStoreError(.leaseLost, "lease on \(name) lost", serverCode: "lease_not_held", detail: reason)
    }

    private func leaseRequest(_ name: String, _ action: String, _ body: JSONObject) -> WireRequest {
        WireRequest(
            .POST, "/v1/locks/\(PercentEncoding.encode(name))/\(action)",
            body: Array(JSONValue.object(body).compactJSON.utf8))
    }

    private func grant(_ reply: WireReply, _ request: WireRequest) throws -> LeaseGrant {
        guard let grant = LeaseGrant(json: reply.body) else {
            throw malformed(request, reply, expected: "a lease (token, expiresAtMs, fence)")
        }
        return grant
    }

    /// Who holds the lock, as the 409 names it (a string, or an object shown as JSON).
    private static func holder(_ wire: WireError) -> String? {
        guard let value = wire.details["holder"], !value.isNull else { return nil }
        return value.stringValue ?? value.compactJSON
    }

    /// `bytes` random bytes as lowercase hex.
    static func randomHex(bytes: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
