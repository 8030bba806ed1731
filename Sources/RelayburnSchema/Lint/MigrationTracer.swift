#if canImport(Glibc)
    import Glibc
#endif

/// `migrate lint --trace` (PostgreSQL): what each statement of a migration really does to a database, observed
/// rather than inferred. The migrations are replayed, one by one and committed, into a scratch schema of their
/// own (`relayburn_trace_PID_N`); before each traced migration is applied, its statements run one by one in a
/// transaction, after each the tracer reads the relation locks the session took (`pg_locks`) and the tables and
/// indexes whose file node changed (a rewrite), and the transaction is rolled back. The schema is dropped at the
/// end, also on failure; a tracer killed part-way leaves it behind, to be dropped by name.
///
/// Locks are reported on tables that existed before the migration (a lock on a table the migration itself creates
/// blocks nobody, and the ROW EXCLUSIVE a write takes on each index follows from the one on its table), and only
/// when the statement took them: one already held since an earlier statement of the migration is not repeated. A no-transaction migration cannot run inside the tracer's transaction and is reported
/// as not traced; of a backfill, its DDL is traced, not its batches.
public enum MigrationTracer {
    /// What one statement did.
    public struct StatementTrace: Sendable, Equatable {
        public let location: SourceLocation
        /// The statement's first line, for reading the report.
        public let summary: String
        /// `(relation, mode)`, e.g. `("turns", "ACCESS EXCLUSIVE")`, in the order PostgreSQL lists them.
        public let locks: [(relation: String, mode: String)]
        /// Tables and indexes the statement rewrote.
        public let rewrote: [String]

        public static func == (lhs: StatementTrace, rhs: StatementTrace) -> Bool {
            lhs.location == rhs.location && lhs.summary == rhs.summary && lhs.rewrote == rhs.rewrote
                && lhs.locks.elementsEqual(rhs.locks) { $0.relation == $1.relation && $0.mode == $1.mode }
        }
    }

    /// What one migration did.
    public struct MigrationTrace: Sendable, Equatable {
        public let version: Int
        public let file: String
        /// Empty when the migration was not traced (see `note`).
        public let statements: [StatementTrace]
        /// Why it was not traced, or what was left out.
        public let note: String?
    }

    /// Traces migrations `from`…latest of `catalog` against scratch schemas of `driver`'s PostgreSQL database.
    ///
    /// - Throws: `MigrationError.migrationFailed` when a migration does not apply in the scratch schema,
    ///   `DatabaseError`, `TemplateError`.
    public static func trace(
        _ catalog: SchemaCatalog, using driver: some MigrationDriver, from: Int
    ) async throws
        -> [MigrationTrace]
    {
        let relationsQuery = try catalog.statement("lint/trace_relations", for: .postgres)
        let locksQuery = try catalog.statement("lint/trace_locks", for: .postgres)
        let searchPath = try catalog.statement("lint/trace_search_path", for: .postgres)
        let transaction = try TransactionStatements(dialect: .postgres, catalog: catalog)
        let engine = catalog.engine(for: .postgres)
        let schema = "relayburn_trace_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let enter = try engine.render(
            try source(catalog, "lint/trace_enter_schema"), literals: [:], identifiers: ["schema": schema])
        let leave = try engine.render(
            try source(catalog, "lint/trace_leave_schema"), literals: [:], identifiers: ["schema": schema])
        let create = try catalog.statement("runner/create_schema_versions", for: .postgres)
        // Each migration as it is applied after its trace: a no-transaction one statement by statement (CONCURRENTLY
        // cannot run in the implicit transaction of a multi-statement script), a backfill as its DDL (its batches
        // have nothing to fill in an empty schema).
        let steps = try catalog.migrations.map { migration -> (Migration, RenderedStatement, [RenderedStatement]) in
            let traced = try engine.render(migration.ddlSource)
            let apply =
                migration.kind == .noTransaction
                ? try migration.separateStatements.map { try engine.render($0) } : [traced]
            return (migration, traced, apply)
        }
        return try await driver.withConnection { connection in
            let saved = try connection.query(searchPath, bindings: [.null]).first?.first ?? .null
            try connection.execute(script: enter)
            defer {
                try? connection.execute(script: leave)
                _ = try? connection.query(searchPath, bindings: [saved])
            }
            try connection.execute(script: create)
            var traces: [MigrationTrace] = []
            for (migration, traced, apply) in steps {
                if migration.version >= from {
                    traces.append(
                        try trace(
                            migration, traced, connection, transaction, relations: relationsQuery, locks: locksQuery))
                }
                do {
                    for script in apply { try connection.execute(script: script) }
                } catch let error as DatabaseError {
                    throw MigrationError.migrationFailed(migration, error: error)
                }
            }
            return traces
        }
    }

    /// Runs `rendered`'s statements one by one in a transaction that is rolled back, reading locks and file nodes
    /// after each.
    private static func trace(
        _ migration: Migration, _ rendered: RenderedStatement, _ connection: any MigrationConnection,
        _ transaction: TransactionStatements, relations relationsQuery: RenderedStatement,
        locks locksQuery: RenderedStatement
    ) throws -> MigrationTrace {
        if migration.kind == .noTransaction {
            return MigrationTrace(
                version: migration.version, file: migration.source.path, statements: [],
                note: "not traced: a no-transaction migration runs outside a transaction, statement by statement "
                    + "(CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, which blocks no writer)")
        }
        let bytes = Array(rendered.sql.utf8)
        try connection.execute(script: transaction.beginWrite)
        defer { try? connection.execute(script: transaction.rollback) }
        var relations = try fileNodes(connection, relationsQuery)
        let existing = relations
        var held = Set(try locks(connection, locksQuery).map { "\($0.oid) \($0.mode)" })
        var result: [StatementTrace] = []
        for statement in LintStatementSplitter.statements(of: rendered.sql) {
            let text = String(decoding: bytes[statement.offset..<statement.end], as: UTF8.self)
            do {
                try connection.execute(script: RenderedStatement(unsafeSQL: text, name: migration.label))
            } catch let error as DatabaseError {
                throw MigrationError.migrationFailed(migration, error: error)
            }
            let now = try locks(connection, locksQuery)
            let taken = now.filter { !held.contains("\($0.oid) \($0.mode)") }
            held.formUnion(now.map { "\($0.oid) \($0.mode)" })
            let after = try fileNodes(connection, relationsQuery)
            let rewrote = after.compactMap { oid, entry -> String? in
                guard let before = relations[oid], before.node != entry.node else { return nil }
                return entry.name
            }.sorted()
            relations = after
            result.append(
                StatementTrace(
                    location: rendered.sourceMap.location(ofUTF8Offset: statement.offset)
                        ?? SourceLocation(file: migration.source.path, line: 1, column: 1),
                    summary: summary(text),
                    locks: taken.compactMap { lock in
                        guard let relation = existing[lock.oid], relation.isTable else { return nil }
                        return (relation: relation.name, mode: modeName(lock.mode))
                    },
                    rewrote: rewrote))
        }
        return MigrationTrace(
            version: migration.version, file: migration.source.path, statements: result,
            note: migration.kind == .backfill ? "its backfill batches are not traced" : nil)
    }

    private static func source(_ catalog: SchemaCatalog, _ name: String) throws -> TemplateSource {
        guard let source = catalog.statements[name] else {
            throw MigrationError.invalidMigrationSet("templates/\(name).sql is missing")
        }
        return source
    }

    private static func fileNodes(
        _ connection: any MigrationConnection, _ query: RenderedStatement
    ) throws
        -> [Int64: (name: String, node: Int64, isTable: Bool)]
    {
        var nodes: [Int64: (name: String, node: Int64, isTable: Bool)] = [:]
        for row in try connection.query(query, bindings: []) {
            guard row.count >= 4, let oid = row[0].integerValue, let name = row[1].textValue,
                let node = row[2].integerValue
            else { continue }
            nodes[oid] = (name, node, row[3].boolValue)
        }
        return nodes
    }

    private static func locks(
        _ connection: any MigrationConnection, _ query: RenderedStatement
    ) throws
        -> [(oid: Int64, mode: String)]
    {
        try connection.query(query, bindings: []).compactMap { row in
            guard row.count >= 2, let oid = row[0].integerValue, let mode = row[1].textValue else { return nil }
            return (oid, mode)
        }
    }

    /// `AccessExclusiveLock` → `ACCESS EXCLUSIVE`, as the documentation and `LOCK TABLE` spell the modes.
    static func modeName(_ mode: String) -> String {
        let base = mode.hasSuffix("Lock") ? String(mode.dropLast(4)) : mode
        var words: [String] = []
        for character in base {
            if character.isUppercase || words.isEmpty {
                words.append(String(character))
            } else {
                words[words.count - 1].append(character)
            }
        }
        return words.joined(separator: " ").uppercased()
    }

    /// The statement's first line without its comments, cut at 80 characters.
    private static func summary(_ statement: String) -> String {
        let line =
            statement.split(separator: "\n").map { $0.trimmingCharacters() }.first {
                !$0.isEmpty && !$0.hasPrefix("--")
            }
            ?? ""
        return line.count > 80 ? String(line.prefix(77)) + "..." : line
    }
}
