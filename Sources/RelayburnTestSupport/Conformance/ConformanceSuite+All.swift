extension ConformanceSuite {
    /// One scenario, named for test output, so an adapter's suite can run them all as test arguments.
    public struct Scenario: Sendable, CustomStringConvertible {
        public let description: String
        public let run: @Sendable (StoreFactory) async throws -> Void
    }

    /// Every scenario of docs/records.md §9, in order.
    public static let all: [Scenario] = [
        Scenario(description: "1 turn dedup", run: scenario1TurnDedup),
        Scenario(description: "2 other kinds dedup", run: scenario2OtherKindsDedup),
        Scenario(description: "3 fingerprint twins", run: scenario3FingerprintTwins),
        Scenario(description: "4 filters", run: scenario4Filters),
        Scenario(description: "5 stamps", run: scenario5Stamps),
        Scenario(description: "6 spawn relationship", run: scenario6SpawnRelationship),
        Scenario(description: "7 content", run: scenario7Content),
        Scenario(description: "7 content search", run: scenario7ContentSearch),
        Scenario(description: "7 content prune by age", run: scenario7ContentPruneByAge),
        Scenario(description: "8 atomicity", run: scenario8Atomicity),
        Scenario(description: "9 round trip", run: scenario9RoundTrip),
        Scenario(description: "10 locks", run: scenario10Locks),
        Scenario(description: "11 concurrent appends", run: scenario11ConcurrentAppends),
        Scenario(description: "12 ordering", run: scenario12Ordering),
        Scenario(description: "13 summary", run: scenario13Summary),
        Scenario(description: "14 every kind through the seam", run: scenario14EveryKindThroughTheSeam),
        Scenario(description: "15 stream cursors", run: scenario15StreamCursors),
        Scenario(description: "16 cost", run: scenario16Cost),
    ]
}
