/// The storage conformance suite (docs/records.md §9), written once against ``StorageAdapter``.
///
/// Each scenario takes a ``StoreFactory`` and runs on fresh stores it makes, reporting mismatches with Swift
/// Testing's `#expect`, so a test target runs every scenario against every adapter:
///
/// ```swift
/// @Test(arguments: [StoreFactory.memory])
/// func dedup(_ factory: StoreFactory) async throws { try await ConformanceSuite.scenario1TurnDedup(factory) }
/// ```
public enum ConformanceSuite {}
