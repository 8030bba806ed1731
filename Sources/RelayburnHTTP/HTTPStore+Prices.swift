public import RelayburnLedger

extension HTTPStore {
    /// Prices are the server's database's: `summary` over http is priced by the server; listing and importing
    /// them is done against that database directly, like `keys`.
    ///
    /// - Throws: ``HTTPStoreError`` `unsupported`.
    public func prices() async throws -> [ModelPrice] { throw Self.pricesElsewhere }

    /// - Throws: ``HTTPStoreError`` `unsupported`, as ``prices()``.
    public func storePrices(_ prices: [ModelPrice]) async throws -> Int { throw Self.pricesElsewhere }

    private static var pricesElsewhere: HTTPStoreError {
        HTTPStoreError(
            .unsupported, "prices are kept in the server's database; run relayburn prices against that database")
    }
}
