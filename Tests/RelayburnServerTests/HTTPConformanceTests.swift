import RelayburnTestSupport
import Testing

/// The whole conformance suite on the http adapter, against a live server on loopback backed by SQLite and by
/// PostgreSQL: the same scenarios every direct adapter passes.
@Suite struct HTTPConformanceTests {
    @Test(arguments: ConformanceSuite.all) func scenario(_ scenario: ConformanceSuite.Scenario) async throws {
        for factory in StoreFactory.served {
            try await scenario.run(factory)
        }
    }
}
