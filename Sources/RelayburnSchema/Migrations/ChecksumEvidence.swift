/// What a store records beyond the raw checksums, for judging a migration whose file changed after it was applied:
/// the normalised SQL checksum each row was applied with, and the accepted edits already audited.
struct ChecksumEvidence: Sendable {
    /// `schema_versions.sql_checksum` by version (rows without one are absent).
    var sqlChecksums: [Int: String] = [:]
    /// `version recorded accepted` of every `schema_checksum_audit` row.
    var audited: Set<String> = []

    static let none = ChecksumEvidence()

    static func auditKey(version: Int, recorded: String, accepted: String) -> String {
        "\(version) \(recorded) \(accepted)"
    }
}

/// How a recorded migration compares with this binary's.
enum ChecksumVerdict: Sendable, Equatable {
    /// The same file.
    case same
    /// The same file, but this binary's dialect files render it to other SQL than it was applied with.
    case drift
    /// The file changed only in comments or whitespace.
    case commentsOnly
    /// The file changed, and `templates/migrations.accept` accepts the change.
    case accepted(ChecksumAcceptList.Entry)
    /// The file changed, and nothing accepts the change.
    case modified
}

extension MigrationRunner {
    /// Whether any recorded migration this binary knows has another checksum than its file: only then is the
    /// evidence read, so the no-op stays one query.
    func hasEditedRows(_ applied: [AppliedMigration]) -> Bool {
        applied.contains {
            $0.version <= catalog.latestVersion && catalog.migrations[$0.version - 1].checksum != $0.checksum
        }
    }

    /// Reads the evidence. `tolerant` (outside any transaction) reads a store whose runner tables predate the
    /// column or the audit table as having none; under the lock the runner has created both first.
    static func readEvidence(
        _ connection: any MigrationConnection, _ statements: ChecksumStatements, tolerant: Bool
    ) throws -> ChecksumEvidence {
        func rows(_ statement: RenderedStatement) throws -> [[SQLValue]] {
            guard tolerant else { return try connection.query(statement, bindings: []) }
            return (try? connection.query(statement, bindings: [])) ?? []
        }
        var evidence = ChecksumEvidence()
        for row in try rows(statements.readSQLChecksums) {
            guard row.count >= 2, let version = row[0].integerValue, let checksum = row[1].textValue else { continue }
            evidence.sqlChecksums[Int(version)] = checksum
        }
        for row in try rows(statements.readAudit) {
            guard row.count >= 3, let version = row[0].integerValue, let recorded = row[1].textValue,
                let accepted = row[2].textValue
            else { continue }
            evidence.audited.insert(
                ChecksumEvidence.auditKey(version: Int(version), recorded: recorded, accepted: accepted))
        }
        return evidence
    }

    /// The evidence read outside any lock, or none when no recorded checksum differs from a file's.
    func evidenceIfEdited(_ applied: [AppliedMigration]) async throws -> ChecksumEvidence {
        guard hasEditedRows(applied) else { return .none }
        let statements = try ChecksumStatements(catalog: catalog, dialect: driver.dialect)
        return try await driver.withConnection { connection in
            try Self.readEvidence(connection, statements, tolerant: true)
        }
    }

    /// Judges one recorded migration this binary knows. Drift is looked for only when `checkDrift` (it renders
    /// the migration; `migrate status` does, the runner does not).
    func verdict(
        _ row: AppliedMigration, _ evidence: ChecksumEvidence, checkDrift: Bool = false
    ) throws
        -> ChecksumVerdict
    {
        let migration = catalog.migrations[row.version - 1]
        if row.checksum == migration.checksum {
            guard checkDrift, let recorded = evidence.sqlChecksums[row.version] else { return .same }
            return try catalog.effectiveChecksum(of: migration, for: driver.dialect) == recorded ? .same : .drift
        }
        if let recorded = evidence.sqlChecksums[row.version],
            try catalog.effectiveChecksum(of: migration, for: driver.dialect) == recorded
        {
            return .commentsOnly
        }
        if let entry = catalog.acceptList.entry(version: row.version, recorded: row.checksum) {
            return .accepted(entry)
        }
        return .modified
    }

    /// Accepted edits no `schema_checksum_audit` row records yet.
    func unauditedAcceptances(
        _ applied: [AppliedMigration], _ evidence: ChecksumEvidence
    ) throws
        -> [(row: AppliedMigration, entry: ChecksumAcceptList.Entry)]
    {
        guard hasEditedRows(applied) else { return [] }
        return try applied.filter { $0.version <= catalog.latestVersion }.compactMap { row in
            guard case .accepted(let entry) = try verdict(row, evidence) else { return nil }
            let key = ChecksumEvidence.auditKey(
                version: row.version, recorded: row.checksum, accepted: catalog.migrations[row.version - 1].checksum)
            return evidence.audited.contains(key) ? nil : (row, entry)
        }
    }

    /// Under the lock: audits every accepted edit not audited yet, and records the normalised SQL checksum of
    /// every row of an unchanged file that has none (rows from before the column, or from older binaries).
    func recordChecksumEvidence(
        _ applied: [AppliedMigration], _ connection: any MigrationConnection, _ statements: RunnerStatements
    ) throws {
        let evidence = try Self.readEvidence(connection, statements.checksums, tolerant: false)
        for (row, entry) in try unauditedAcceptances(applied, evidence) {
            _ = try connection.query(
                statements.checksums.recordAcceptance,
                bindings: statements.checksums.recordAcceptance.bindings([
                    "version": .integer(Int64(row.version)), "recorded_checksum": .text(row.checksum),
                    "accepted_checksum": .text(catalog.migrations[row.version - 1].checksum),
                    "reason": .text(entry.reason), "accepted_by": .text(appliedBy),
                ]))
        }
        for row in applied where row.version <= catalog.latestVersion && evidence.sqlChecksums[row.version] == nil {
            let migration = catalog.migrations[row.version - 1]
            guard migration.checksum == row.checksum else { continue }
            try recordSQLChecksum(of: migration, connection, statements)
        }
    }

    /// Records `migration`'s normalised SQL checksum in its row, if the row has none.
    func recordSQLChecksum(
        of migration: Migration, _ connection: any MigrationConnection, _ statements: RunnerStatements
    ) throws {
        _ = try connection.query(
            statements.recordSQLChecksum,
            bindings: statements.recordSQLChecksum.bindings([
                "version": .integer(Int64(migration.version)), "checksum": .text(migration.checksum),
                "sql_checksum": .text(try catalog.effectiveChecksum(of: migration, for: driver.dialect)),
            ]))
    }
}
