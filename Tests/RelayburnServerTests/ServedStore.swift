import RelayburnHTTP
import RelayburnLedger
import RelayburnSQLite
import RelayburnTestSupport

/// An http store talking to its own test server: closing it stops the server and closes the backing store, so
/// the conformance suite's stores clean up the same way whatever adapter they are.
final class ServedStore: StorageAdapter {
    let client: HTTPStore
    let server: TestServer

    init(client: HTTPStore, server: TestServer) {
        self.client = client
        self.server = server
    }

    /// A fresh backing store from `backing`, served on loopback, reached through the http adapter.
    static func make(backing: StoreFactory, options: HTTPStoreOptions = .init()) async throws -> ServedStore {
        let store = try await backing.make()
        let server = try await TestServer.start(store: store)
        let client = try await HTTPStore.open(baseURL: server.baseURL, apiKey: TestKeys.admin, options: options)
        return ServedStore(client: client, server: server)
    }

    func append<Record: LedgerRecord>(_ records: [Record]) async throws -> Int { try await client.append(records) }

    func query<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<Record.QueryOutput, any Error> {
        client.query(type, query)
    }

    func queryEncoded<Record: LedgerRecord>(
        _ type: Record.Type, _ query: LedgerQuery
    ) -> AsyncThrowingStream<EncodedRecords, any Error> {
        client.queryEncoded(type, query)
    }

    func searchContent(_ text: String, _ query: LedgerQuery) -> AsyncThrowingStream<ContentRecord, any Error> {
        client.searchContent(text, query)
    }

    func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        try await client.readContent(sessionId: sessionId, messageId: messageId)
    }

    func listContentSessionIds() async throws -> [String] { try await client.listContentSessionIds() }

    func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws
        -> PruneResult
    {
        try await client.pruneContent(olderThanMs: olderThanMs, isRecoverable: isRecoverable)
    }

    func summary(_ query: LedgerQuery, by grouping: SummaryGrouping?) async throws -> Summary {
        try await client.summary(query, by: grouping)
    }

    func prices() async throws -> [ModelPrice] { try await client.prices() }

    func storePrices(_ prices: [ModelPrice]) async throws -> Int { try await client.storePrices(prices) }

    func withLock<T: Sendable>(
        _ name: String, timeoutMs: Int64, _ body: @Sendable () async throws -> T
    ) async throws
        -> T
    {
        try await client.withLock(name, timeoutMs: timeoutMs, body)
    }

    var appendConcurrency: Int { client.appendConcurrency }

    func close() async {
        await client.close()
        await server.stop()
        await server.store.close()
    }
}

extension StoreFactory {
    /// The http adapter against a server backed by SQLite, and by PostgreSQL when one is configured.
    static var served: [StoreFactory] {
        var factories = [StoreFactory(name: "http+sqlite") { try await ServedStore.make(backing: .sqlite) }]
        if TestDatabase.postgresEnabled {
            factories.append(StoreFactory(name: "http+postgres") { try await ServedStore.make(backing: .postgres) })
        }
        return factories
    }
}
