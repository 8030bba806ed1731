/// An operation reached a store (or its pool of sessions) after `close()`, or was waiting when it closed.
public struct StoreClosedError: RelayburnError {
    /// What was closed, for the message: "the PostgreSQL store", "the SQLite store".
    public let store: String

    public init(store: String) {
        self.store = store
    }

    public var description: String { "\(store) was closed; open it again to run more operations" }
    public var errorCode: String { "store_closed" }
}
