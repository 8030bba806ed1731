public import RelayburnSchema

extension TestDatabase {
    /// Runs the migration runner once on a new connection; `contract` applies migrations that would cut off hosts
    /// the fleet census saw recently (the test's own binary runs among them).
    public func migrate(
        catalog: SchemaCatalog = .embedded, to target: Int? = nil, lockTimeoutMs: Int64 = 30_000,
        contract: Bool = false
    ) async throws -> MigrationReport {
        try await Self.migrate(
            driver(catalog: catalog), catalog: catalog, to: target, lockTimeoutMs: lockTimeoutMs, contract: contract)
    }

    /// Lists migration status on a new connection.
    public func status(catalog: SchemaCatalog = .embedded) async throws -> [MigrationStatus] {
        try await Self.status(driver(catalog: catalog), catalog: catalog)
    }

    /// `migrate lint --trace` of `catalog`'s migrations from `from` on, against this (PostgreSQL) database.
    public func trace(catalog: SchemaCatalog = .embedded, from: Int) async throws -> [MigrationTracer.MigrationTrace] {
        try await Self.trace(driver(catalog: catalog), catalog: catalog, from: from)
    }

    /// The live schema, introspected on a new connection.
    public func liveSchema() async throws -> LogicalSchema {
        try await Self.live(driver())
    }

    /// The schema the embedded migrations describe, built in a scratch database of this dialect.
    public func expectedSchema() async throws -> LogicalSchema {
        try await Self.expected(driver())
    }

    private static func migrate(
        _ driver: some MigrationDriver, catalog: SchemaCatalog, to target: Int?, lockTimeoutMs: Int64, contract: Bool
    ) async throws -> MigrationReport {
        var runner = MigrationRunner(
            driver: driver, catalog: catalog, lockTimeoutMs: lockTimeoutMs, appliedBy: "relayburn tests")
        runner.allowContract = contract
        return try await runner.migrate(to: target)
    }

    private static func status(_ driver: some MigrationDriver, catalog: SchemaCatalog) async throws -> [MigrationStatus]
    {
        try await MigrationRunner(driver: driver, catalog: catalog, appliedBy: "relayburn tests").status()
    }

    private static func trace(
        _ driver: some MigrationDriver, catalog: SchemaCatalog, from: Int
    ) async throws
        -> [MigrationTracer.MigrationTrace]
    {
        try await MigrationTracer.trace(catalog, using: driver, from: from)
    }

    private static func live(_ driver: some MigrationDriver) async throws -> LogicalSchema {
        try await SchemaCatalog.embedded.liveSchema(using: driver)
    }

    private static func expected(_ driver: some MigrationDriver) async throws -> LogicalSchema {
        try await SchemaCatalog.embedded.expectedSchema(using: driver)
    }
}

/// Catalogs derived from the embedded files, for injecting changed, broken or extra migrations.
public enum TestCatalogs {
    /// The embedded files with `path` replaced by `text` (or added when absent).
    public static func replacing(_ path: String, with text: String) throws -> SchemaCatalog {
        var files = SchemaCatalog.embeddedFiles.filter { $0.path != path }
        files.append(TemplateSource(path: path, text: text))
        return try SchemaCatalog(files: files)
    }
}
