import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// Ten `relayburn migrate` processes started at once against one fresh database all succeed, and each version
    /// is recorded exactly once.
    @Suite struct ConcurrentMigrateTests {
        @Test(arguments: TestDatabase.enabledDialects)
        func tenProcessesMigrateOneFreshDatabase(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let handles = try (0..<10).map { _ in
                try RelayburnProcess.start(["migrate", "--store", database.storeURL], environment: [:])
            }
            let results = try handles.map { try $0.wait() }
            for result in results {
                #expect(result.status == 0, "stderr: \(result.stderr)")
                #expect(result.stderr.isEmpty)
            }
            let appliedLines = results.flatMap { $0.stdout.split(separator: "\n") }.filter { $0.hasPrefix("applied ") }
            #expect(appliedLines.count == latestVersion, "each migration is applied by exactly one process")
            let rows = try await database.rows("SELECT version, count(*) FROM schema_versions GROUP BY version ORDER BY version")
            #expect(rows.map { $0[0].integerValue } == (1...latestVersion).map { Int64($0) })
            #expect(rows.allSatisfy { $0[1].integerValue == 1 })
        }
    }
}

/// The newest migration this build embeds, so these tests follow new migrations without edits.
private let latestVersion = SchemaCatalog.embedded.migrations.count
