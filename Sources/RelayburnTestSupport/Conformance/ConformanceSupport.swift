import RelayburnLedger
import Testing

extension StoreFactory {
    /// Runs `body` against a fresh store and closes it afterwards, whether `body` returns or throws.
    func withStore<T>(_ body: (any StorageAdapter) async throws -> T) async throws -> T {
        let store = try await make()
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

extension AsyncThrowingStream where Failure == any Error {
    /// Every element, in order.
    func collect() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }
}

/// Record comparison that allows adapters to normalise key order (docs/records.md §1.2).
enum Same {
    /// Whether two objects hold the same keys and values, whatever their order.
    static func json(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
        lhs.canonicalJSON == rhs.canonicalJSON
    }

    /// Whether two lists hold the same objects in the same order.
    static func json(_ lhs: [JSONObject], _ rhs: [JSONObject]) -> Bool {
        lhs.map(\.canonicalJSON) == rhs.map(\.canonicalJSON)
    }
}

extension StorageAdapter {
    /// Every turn matching `query`, as records.
    func turns(_ query: LedgerQuery = LedgerQuery()) async throws -> [TurnRecord] {
        try await queryTurns(query).collect().map(\.turn)
    }

    /// Message ids of the turns matching `query`, in result order.
    func messageIds(_ query: LedgerQuery = LedgerQuery()) async throws -> [String] {
        try await turns(query).map(\.messageId)
    }

    /// The folded enrichment of every turn, keyed by `sessionId/messageId`.
    func enrichments(_ query: LedgerQuery = LedgerQuery()) async throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for turn in try await queryTurns(query).collect() {
            result["\(turn.turn.sessionId)/\(turn.turn.messageId)"] = turn.enrichment
        }
        return result
    }
}
