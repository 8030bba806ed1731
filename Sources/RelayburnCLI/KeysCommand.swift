import ArgumentParser
import RelayburnLedger
import RelayburnSchema
import RelayburnStore
import RelayburnWire

/// `relayburn keys create|list|revoke`: the API keys kept in the store's `api_keys` table, which every server
/// replica on that database accepts (server.md §5).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the API keys a relayburn server accepts from its database.",
        discussion: """
            Only the SHA-256 of a key is stored; `keys create` prints the key once and it cannot be shown again. \
            A revoked key is refused by every server replica within a few seconds. Run these against the \
            server's own database (--store postgres://... or sqlite:PATH), not over http.
            """,
        subcommands: [KeysCreateCommand.self, KeysListCommand.self, KeysRevokeCommand.self]
    )
}

extension CommandContext {
    /// Opens the store as a ``CollectorStore``, refusing stores that keep no keys.
    func withKeyStore<T>(_ body: (any CollectorStore) async throws -> T) async throws -> T {
        try await withDatabaseStore(requiring: LedgerSchema.collectorRequiredVersion, keeping: "keys") { store in
            guard let keys = store as? any CollectorStore else {
                throw CommandFailure.usage("this store keeps no API keys; use a sqlite: or postgres:// store")
            }
            return try await body(keys)
        }
    }

    /// Opens the configured database at `version` for data that lives in the server's database (`what`: keys,
    /// prices), refusing an http store, which has no database of its own to hold it.
    func withDatabaseStore<T>(
        requiring version: Int, keeping what: String, _ body: (any StorageAdapter) async throws -> T
    ) async throws -> T {
        if case .http = location {
            throw CommandFailure.usage(
                "\(what) live in the server's database; run this with --store pointing at that database, not over http")
        }
        var settings = self.settings
        settings.requiredSchemaVersion = version
        return try await CommandContext(settings: settings).withStore(body)
    }
}

struct KeysCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a key and print it once.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The key's name (1-64 of A-Z a-z 0-9 . _ -), shown in access logs.") var name: String
    @Option(help: "read, write or admin; repeat or join with + for several (default read).")
    var scope: [String] = []
    @Flag(help: "Print {\"name\",\"key\",\"prefix\",\"scopes\"} as JSON.") var json = false

    func validate() throws {
        if !ConfiguredKeys.isValidName(name) {
            throw ValidationError("--name \(name) is not a key name; use 1-64 characters of A-Z a-z 0-9 . _ -")
        }
        for value in scope where APIKeyScope.parseList(value) == nil {
            throw ValidationError("--scope \(value) is not a scope; use read, write or admin")
        }
    }

    func run() async throws {
        let context = try CommandContext(store: store.store)
        var scopes: Set<APIKeyScope> = []
        for value in scope { scopes.formUnion(APIKeyScope.parseList(value) ?? []) }
        if scopes.isEmpty { scopes = [.read] }
        let key = APIKey.generate()
        let stored = StoredAPIKey(
            name: name, prefix: APIKey.displayPrefix(key), sha256: APIKey.digest(key),
            scopes: APIKeyScope.format(scopes), createdAt: UTCTimestamp.now(), revokedAt: nil)
        try await context.withKeyStore { try await $0.createAPIKey(stored) }
        if json {
            Console.out(
                JSONValue.object([
                    "name": .string(name), "key": .string(key), "prefix": .string(stored.prefix),
                    "scopes": .array(scopes.sorted().map { .string($0.rawValue) }),
                ]).compactJSON)
        } else {
            Console.out(key)
            Console.error("created key \(name) (\(stored.scopes)); it is shown only this once")
        }
    }
}

struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List keys: name, prefix, scopes, created, revoked (never a key or hash).")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print a JSON array.") var json = false

    func run() async throws {
        let context = try CommandContext(store: store.store)
        let keys = try await context.withKeyStore { try await $0.listAPIKeys() }
        if json {
            Console.out(
                JSONValue.array(
                    keys.map { key in
                        .object([
                            "name": .string(key.name), "prefix": .string(key.prefix),
                            "scopes": .array(key.scopes.split(separator: "+").map { .string(String($0)) }),
                            "createdAt": .string(key.createdAt),
                            "revokedAt": key.revokedAt.map(JSONValue.string) ?? .null,
                        ])
                    }
                ).compactJSON)
            return
        }
        var rows = [["NAME", "PREFIX", "SCOPES", "CREATED", "REVOKED"]]
        for key in keys {
            rows.append([key.name, key.prefix, key.scopes, key.createdAt, key.revokedAt ?? "-"])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            Console.out(
                row.enumerated().map { column, cell in
                    cell + String(repeating: " ", count: widths[column] - cell.count)
                }.joined(separator: "  ").trimmingTrailingSpaces())
        }
    }
}

struct KeysRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a key by name; every server refuses it within seconds.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The key's name.") var name: String

    func run() async throws {
        let context = try CommandContext(store: store.store)
        let revoked = try await context.withKeyStore { try await $0.revokeAPIKey(name: name, at: UTCTimestamp.now()) }
        guard revoked else {
            throw CommandFailure.failure("there is no unrevoked key named \(name); see `relayburn keys list`")
        }
        Console.error("revoked key \(name)")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
