public import RelayburnLedger

/// Makes fresh, empty stores of one adapter for the conformance suite; each call returns an isolated store.
public struct StoreFactory: Sendable, CustomStringConvertible {
    /// The adapter's name, shown in test names (`memory`, `sqlite`…).
    public let name: String
    /// Creates a new, empty store.
    public let make: @Sendable () async throws -> any StorageAdapter

    /// - Parameters:
    ///   - name: The adapter's name.
    ///   - make: Creates a new, empty store.
    public init(name: String, make: @escaping @Sendable () async throws -> any StorageAdapter) {
        self.name = name
        self.make = make
    }

    public var description: String { name }

    /// The in-memory reference adapter.
    public static let memory = StoreFactory(name: "memory") { MemoryStore() }
}
