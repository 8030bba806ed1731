import RelayburnLedger
import RelayburnSchema
import RelayburnStore

/// What every command resolves once: the store's settings and a way to open its driver or its store.
struct CommandContext {
    let settings: StoreSettings

    var location: StoreLocation { settings.location }
    var identity: String { settings.identity }

    init(settings: StoreSettings) {
        self.settings = settings
    }

    /// Resolves `--store` (the command's own, else the one before the command) and the environment.
    init(commandStore: StoreOptions, rootStore: StoreOptions?) throws {
        try self.init(store: commandStore.store ?? rootStore?.store)
    }

    /// Resolves a `--store` value (`nil` when none was given) and the environment.
    init(store: String?) throws {
        do {
            var resolved = try StoreSettings.resolve(
                flag: store, environment: StoreConnector.processEnvironment(),
                identity: StoreConnector.processIdentity(version: Relayburn.version))
            resolved.relayburnVersion = Relayburn.version
            settings = resolved
        } catch let error as ConfigurationError {
            throw CommandFailure.usage(error.description)
        }
        if case .http = settings.location, StoreConnector.httpOpener.current == nil { try NetworkHandoff.handOff() }
    }

    /// Opens the schema driver (unless `opened` is one already connected) and passes it to `body`; turns library
    /// errors into one-sentence failures.
    func withDriver<T>(
        _ opened: (any MigrationDriver)? = nil, _ body: (any MigrationDriver) async throws -> T
    ) async throws -> T {
        do {
            let driver: any MigrationDriver
            if let opened {
                driver = opened
            } else {
                driver = try await StoreConnector.migrationDriver(settings)
            }
            return try await body(driver)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure.failure(Self.sentence(for: error))
        }
    }

    /// Opens the ledger store (migrating it first) and passes it to `body`, closing it afterwards.
    func withStore<T>(lockLeaseMs: Int64 = 30_000, _ body: (any StorageAdapter) async throws -> T) async throws -> T {
        let store: any StorageAdapter
        do {
            var settings = self.settings
            settings.lockLeaseMs = lockLeaseMs
            store = try await StoreConnector.openStore(settings)
        } catch {
            throw CommandFailure.failure(Self.sentence(for: error))
        }
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch let error as CommandFailure {
            await store.close()
            throw error
        } catch {
            await store.close()
            throw CommandFailure.failure(Self.sentence(for: error))
        }
    }

    /// The one sentence every library error carries (``RelayburnError``); anything else is a bug, printed as is.
    static func sentence(for error: any Error) -> String {
        (error as? any RelayburnError)?.message ?? String(describing: error)
    }
}
