import RelayburnTestSupport
import Testing

/// Every conformance scenario (docs/records.md §9) against every adapter in ``factories``.
@Suite struct StoreConformanceTests {
    /// The adapters under test; add a factory here to hold another adapter to the suite.
    static let factories: [StoreFactory] = StoreFactory.enabled

    @Test(arguments: factories) func turnDedup(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario1TurnDedup(factory)
    }

    @Test(arguments: factories) func otherKindsDedup(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario2OtherKindsDedup(factory)
    }

    @Test(arguments: factories) func cost(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario16Cost(factory)
    }

    @Test(arguments: factories) func fingerprintTwins(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario3FingerprintTwins(factory)
    }

    @Test(arguments: factories) func filters(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario4Filters(factory)
    }

    @Test(arguments: factories) func stamps(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario5Stamps(factory)
    }

    @Test(arguments: factories) func spawnRelationship(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario6SpawnRelationship(factory)
    }

    @Test(arguments: factories) func content(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario7Content(factory)
    }

    @Test(arguments: factories) func contentSearch(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario7ContentSearch(factory)
    }

    @Test(arguments: factories) func contentPruneByAge(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario7ContentPruneByAge(factory)
    }

    @Test(arguments: factories) func atomicity(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario8Atomicity(factory)
    }

    @Test(arguments: factories) func roundTrip(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario9RoundTrip(factory)
    }

    @Test(arguments: factories) func locks(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario10Locks(factory)
    }

    @Test(arguments: factories) func concurrentAppends(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario11ConcurrentAppends(factory)
    }

    @Test(arguments: factories) func ordering(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario12Ordering(factory)
    }

    @Test(arguments: factories) func summary(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario13Summary(factory)
    }

    @Test(arguments: factories) func everyKindThroughTheSeam(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario14EveryKindThroughTheSeam(factory)
    }

    @Test(arguments: factories) func streamCursors(_ factory: StoreFactory) async throws {
        try await ConformanceSuite.scenario15StreamCursors(factory)
    }
}
