import NIOConcurrencyHelpers
import RelayburnLedger
import RelayburnSchema
import RelayburnWire

/// The keys a server accepts: those of `RELAYBURN_API_KEYS` and the unrevoked keys of the database's `api_keys`,
/// looked up by the SHA-256 of the presented key (no key is kept in plaintext, and no comparison leaks a
/// prefix). Database keys are re-read every ``ServerSettings/keyRefreshMs``, so a revocation reaches every
/// replica within that time.
final class KeyRing: Sendable {
    private let configured: [String: AcceptedKey]
    private let store: (any CollectorStore)?
    private let databaseKeys = NIOLockedValueBox<[String: AcceptedKey]>([:])
    private let lastUsedMs = NIOLockedValueBox<[String: Int64]>([:])
    /// When ``refresh()`` last succeeded (ms since the epoch); 0 before the first.
    private let refreshedAtMs = NIOLockedValueBox<Int64>(0)
    private let maxAgeMs: Int64

    init(configured: [AcceptedKey], store: (any CollectorStore)?, maxAgeMs: Int64) {
        self.configured = Dictionary(configured.map { ($0.digest, $0) }, uniquingKeysWith: { first, _ in first })
        self.store = store
        self.maxAgeMs = maxAgeMs
    }

    /// Re-reads the database's keys; on failure the previous set stays (and the caller logs it).
    func refresh() async throws {
        guard let store else { return }
        var keys: [String: AcceptedKey] = [:]
        for key in try await store.listAPIKeys() where key.revokedAt == nil {
            guard let scopes = APIKeyScope.parseList(key.scopes) else { continue }
            keys[key.sha256] = AcceptedKey(name: key.name, scopes: scopes, digest: key.sha256)
        }
        databaseKeys.withLockedValue { $0 = keys }
        refreshedAtMs.withLockedValue { $0 = UTCTimestamp.nowMilliseconds() }
    }

    /// The key an `Authorization` header presents, or `nil` for a missing, malformed, unknown or revoked one.
    ///
    /// Fails closed: when the database's keys could not be re-read for longer than `maxAgeMs`, a key that is not
    /// configured is neither accepted (it may have been revoked since) nor refused as unknown (it may be valid).
    ///
    /// - Throws: 503 `store_unavailable` in that case, so clients retry.
    func authenticate(_ header: String?) throws(WireError) -> AcceptedKey? {
        guard let header, header.utf8.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let presented = header.dropFirst(7).trimmingCharacters(in: " ")
        guard !presented.isEmpty, presented.utf8.count <= 512 else { return nil }
        // A relayburn key with a wrong checksum is a typo: refuse it without a lookup.
        if presented.hasPrefix(APIKey.scheme), !APIKey.isWellFormed(presented) { return nil }
        let digest = APIKey.digest(presented)
        let now = UTCTimestamp.nowMilliseconds()
        if configured[digest] == nil, store != nil, now - refreshedAtMs.withLockedValue({ $0 }) > maxAgeMs {
            throw WireError(
                status: 503, code: "store_unavailable",
                message: "the server could not re-read its API keys from the database for over \(maxAgeMs) ms; "
                    + "retry shortly", retryAfterSeconds: 1)
        }
        guard let key = configured[digest] ?? databaseKeys.withLockedValue({ $0[digest] }) else { return nil }
        lastUsedMs.withLockedValue { $0[key.name] = now }
        return key
    }

    /// When each key was last used, in ms since the epoch (a metric, never written per request).
    var lastUse: [String: Int64] { lastUsedMs.withLockedValue { $0 } }
}
