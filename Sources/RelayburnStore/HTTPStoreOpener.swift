public import RelayburnLedger
public import RelayburnSchema

extension StoreConnector {
    /// Opens an `http` store. Registered by the `relayburn-net` executable, which links AsyncHTTPClient; the lean
    /// `relayburn` binary leaves it unset and hands http invocations to `relayburn-net`, so commands on SQLite
    /// and PostgreSQL never load the network stack.
    public typealias HTTPOpener =
        @Sendable (_ baseURL: String, _ settings: StoreSettings) async throws -> any StorageAdapter

    /// The registered opener, if this process can open `http` stores.
    public static let httpOpener = LockedValue<HTTPOpener?>(nil)
}
