extension MigrationRunner {
    /// Records migrations 1…`version` as applied on a store that has the schema but no history (one built by hand,
    /// restored from a dump without its history rows, or migrated by another tool), after checking that it really
    /// has that schema: the schema at `version` is built in a scratch database and compared with the live store,
    /// and the rows are recorded only if nothing differs. Flyway's and Liquibase's baselines trust the operator;
    /// this one checks, because a wrong baseline makes the next `migrate` fail on "already exists" or, worse,
    /// skip a migration whose objects are missing.
    ///
    /// The comparison and the rows run in one transaction under the migration lock, so a concurrent `migrate`
    /// either sees the whole baseline or none of it, and a store that differs is left exactly as it was.
    ///
    /// - Throws: `MigrationError.unknownTarget` for a version this binary does not know (or 0),
    ///   `MigrationError.historyExists` when `schema_versions` already has rows, `lockTimeout`, `DatabaseError`.
    public func baseline(to version: Int) async throws -> BaselineOutcome {
        guard version >= 1, version <= catalog.latestVersion else {
            throw MigrationError.unknownTarget(version, latest: catalog.latestVersion)
        }
        let dialect = driver.dialect
        let expected = try await catalog.expectedSchema(using: driver, through: version)
        let introspector = try SchemaIntrospector(catalog: catalog, dialect: dialect)
        let statements = try RunnerStatements(catalog: catalog, dialect: dialect)
        let rows = (1...version).map { number in
            let migration = catalog.migrations[number - 1]
            var record = AppliedMigration(
                version: migration.version, name: migration.name, checksum: migration.checksum, appliedAt: "",
                executionMs: 0, appliedBy: appliedBy, floors: catalog.floors(through: migration.version))
            record.kind = migration.kind
            record.relayburnVersion = relayburnVersion
            return record
        }
        do {
            return try await driver.withMigrationTransaction(lockTimeoutMs: lockTimeoutMs) { [self] connection in
                // The table is part of the schema at every version; created first (and rolled back with the rest
                // when the store differs) so that its absence is not reported as a difference, and so that reading it
                // cannot fail inside the transaction (which would abort it on PostgreSQL).
                try Self.prepareVersionTable(connection, statements)
                let recordedRows = try connection.query(statements.read, bindings: [])
                if let last = try recordedRows.last.map(AppliedMigration.init(row:)) {
                    throw MigrationError.historyExists(recordedVersion: last.version)
                }
                let differences = SchemaDiff.differences(
                    expected: expected, actual: try introspector.introspect(connection))
                guard differences.isEmpty else { throw BaselineDiffers(differences: differences) }
                var recorded: [AppliedMigration] = []
                for var record in rows {
                    record.appliedAt = try Self.insert(record, connection, statements)
                    try recordSQLChecksum(of: catalog.migrations[record.version - 1], connection, statements)
                    recorded.append(record)
                }
                return .recorded(recorded)
            }
        } catch let differs as BaselineDiffers {
            return .differs(differs.differences)
        }
    }
}

/// Rolls the baseline's transaction back when the store differs; turned into ``BaselineOutcome``.
private struct BaselineDiffers: Error {
    let differences: [String]
}

/// What ``MigrationRunner/baseline(to:)`` found.
public enum BaselineOutcome: Sendable {
    /// The store matched the schema at the version, and these rows were recorded.
    case recorded([AppliedMigration])
    /// The store differs from the schema at the version (one line per difference, as `schema diff` prints
    /// them); nothing was recorded.
    case differs([String])
}
