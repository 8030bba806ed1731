import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Every refusal of DESIGN §5, with its message.
@Suite struct MigrationRefusalTests {
    @Test(arguments: TestDatabase.enabledDialects)
    func modifiedMigrationIsRefusedWithBothChecksums(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let original = try #require(SchemaCatalog.embedded.migrations.first { $0.version == 2 })
        // A change to the SQL itself (a comment-only edit is accepted: MigrationChecksumTests).
        let edited = try TestCatalogs.replacing(
            original.source.path, with: original.source.text + "\nCREATE INDEX turns_edited ON turns (model);\n")
        let editedChecksum = try #require(edited.migrations.first { $0.version == 2 }).checksum
        let error = await #expect(throws: MigrationError.self) { try await database.migrate(catalog: edited) }
        #expect(error?.code == .modified)
        #expect(
            error?.description
                == "migration 0002_turn_stop_reason was applied with checksum \(original.checksum) but "
                + "migrations/0002_turn_stop_reason.sql now has checksum \(editedChecksum) and its SQL changed; "
                + "restore the file as it was released and put the change in a new migration, or, if the edit is "
                + "intended and safe on every store, accept it in templates/migrations.accept with 2 "
                + "\(original.checksum) reason=\"…\"")
        let status = try await database.status(catalog: edited)
        #expect(status[1].state == .modified)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func crlfCheckoutIsNotAModification(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let original = try #require(SchemaCatalog.embedded.migrations.first)
        let crlf = original.source.text.split(separator: "\n", omittingEmptySubsequences: false).joined(
            separator: "\r\n")
        let catalog = try TestCatalogs.replacing(original.source.path, with: crlf)
        let report = try await database.migrate(catalog: catalog)
        #expect(report.tookFastPath)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func unknownNewerVersionIsRefused(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        try await database.execute(
            "INSERT INTO schema_versions (version, name, checksum, applied_at, execution_ms, applied_by) VALUES (\(latest + 1), 'from_the_future', 'abc', '2027-01-01T00:00:00.000Z', 1, 'newer')"
        )
        let error = await #expect(throws: MigrationError.self) { try await database.migrate() }
        #expect(error?.code == .unknownVersion)
        #expect(
            error?.description
                == "the database records migration \(Migration.paddedVersion(latest + 1))_from_the_future, newer than this relayburn knows (it stops at "
                + "version \(latest)); the database was migrated by a newer relayburn, so upgrade relayburn")
        let status = try await database.status()
        #expect(status.last?.state == .unknown)
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func gapInAppliedVersionsIsRefused(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate(to: 3)
        try await database.execute("DELETE FROM schema_versions WHERE version = 2")
        let error = await #expect(throws: MigrationError.self) { try await database.migrate() }
        #expect(error?.code == .gap)
        #expect(
            error?.description
                == "schema_versions records versions 0001, 0003 but not 0002; the database was changed outside "
                + "relayburn, so restore it from a backup or repair schema_versions by hand")
    }
}

/// The newest migration this build embeds.
private let latest = SchemaCatalog.embedded.migrations.count

/// The floors each applied migration records (DESIGN §9), and a `schema_versions` from before them gaining their
/// columns when the next migration is applied, so older binaries' rows and inserts keep working.
@Suite struct CompatibilityFloorTests {
    @Test(arguments: TestDatabase.enabledDialects)
    func everyAppliedRowRecordsItsFloorsAndAnOldTableGainsTheColumns(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        try await database.execute(
            "CREATE TABLE schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, "
                + "applied_at TEXT NOT NULL, execution_ms INTEGER NOT NULL, applied_by TEXT NOT NULL)")
        _ = try await database.migrate()
        let rows = try await database.rows(
            "SELECT version, read_floor, write_floor FROM schema_versions ORDER BY version")
        let catalog = SchemaCatalog.embedded
        #expect(rows.count == catalog.latestVersion)
        for row in rows {
            let version = Int(row[0].integerValue ?? 0)
            let floors = catalog.floors(through: version)
            #expect(
                row[1].integerValue == Int64(floors.read) && row[2].integerValue == Int64(floors.write), "\(version)")
        }
        // 0001-0006 declare nothing (breaking); 0007_api_keys is additive, so it keeps 0006's floors.
        #expect(catalog.floors(through: 7) == CompatibilityFloors(read: 6, write: 6))
    }
}
