/// The runner's own statements (`templates/runner/`) for applying migrations, rendered once per run for one
/// dialect; the fast path renders only its read.
struct RunnerStatements: Sendable {
    let read: RenderedStatement
    let createTable: RenderedStatement
    let countFloors: RenderedStatement
    let addFloors: RenderedStatement
    let countProgress: RenderedStatement
    let addProgress: RenderedStatement
    let insert: RenderedStatement
    let finish: RenderedStatement
    let recordProgress: RenderedStatement
    let setTimeouts: RenderedStatement
    let readSessionSettings: RenderedStatement
    let setSessionSetting: RenderedStatement
    let invalidIndexes: RenderedStatement
    let countSQLChecksum: RenderedStatement
    let addSQLChecksum: RenderedStatement
    let recordSQLChecksum: RenderedStatement
    let checksums: ChecksumStatements

    init(catalog: SchemaCatalog, dialect: SQLDialect) throws {
        func render(_ name: String) throws -> RenderedStatement {
            try catalog.statement("runner/\(name)", for: dialect)
        }
        read = try render("read_schema_versions")
        createTable = try render("create_schema_versions")
        countFloors = try render("count_schema_versions_floors")
        addFloors = try render("add_schema_versions_floors")
        countProgress = try render("count_schema_versions_progress")
        addProgress = try render("add_schema_versions_progress")
        insert = try render("insert_schema_version")
        finish = try render("finish_schema_version")
        recordProgress = try render("record_backfill_progress")
        setTimeouts = try render("set_migration_timeouts")
        readSessionSettings = try render("read_session_settings")
        setSessionSetting = try render("set_session_setting")
        invalidIndexes = try render("invalid_indexes")
        countSQLChecksum = try render("count_schema_versions_sql_checksum")
        addSQLChecksum = try render("add_schema_versions_sql_checksum")
        recordSQLChecksum = try render("record_sql_checksum")
        checksums = try ChecksumStatements(catalog: catalog, dialect: dialect)
    }
}

/// The statements that read the evidence for judging an edited migration (``ChecksumEvidence``) and record an
/// accepted edit; rendered only when a recorded checksum differs from a file's, or for `migrate status`.
struct ChecksumStatements: Sendable {
    let readSQLChecksums: RenderedStatement
    let readAudit: RenderedStatement
    let recordAcceptance: RenderedStatement

    init(catalog: SchemaCatalog, dialect: SQLDialect) throws {
        readSQLChecksums = try catalog.statement("runner/read_sql_checksums", for: dialect)
        readAudit = try catalog.statement("runner/read_checksum_audit", for: dialect)
        recordAcceptance = try catalog.statement("runner/record_checksum_acceptance", for: dialect)
    }
}

/// One committed batch of a backfill, for progress output.
public struct BackfillProgress: Sendable, Equatable {
    /// The migration being backfilled.
    public let version: Int
    public let name: String
    /// Batches this runner committed so far.
    public let batches: Int
    /// The last key the batch filled.
    public let lastKey: String
    /// How long the batch's transaction took.
    public let batchMs: Int64
}
