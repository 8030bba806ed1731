/// `schema diff --sql`: the differences as a script that repairs them, for the dialect's own CLI to run.
///
/// A missing object gets the statement of the migration that created it (a missing table also gets the later
/// statements that added its columns, indexes and triggers); index builds become `CREATE INDEX CONCURRENTLY IF NOT
/// EXISTS` on PostgreSQL, so they neither block writers nor fail when run twice. An INVALID index is rebuilt with
/// `REINDEX … CONCURRENTLY`. Objects no migration creates are dropped only with `unsafe`, and shown as comments
/// otherwise. What no statement can fix (a changed type, a column created with its table) is a comment saying so.
public struct SchemaRepair: Sendable {
    /// The script, one line per element.
    public let lines: [String]

    /// - Parameters:
    ///   - differences: From ``SchemaDiff/structuredDifferences(expected:actual:ignoring:)``.
    ///   - expected: The schema the differences were taken against (to find a missing table's indexes).
    ///   - version: The store's version: statements are taken from migrations 1…version.
    /// - Throws: `TemplateError` when a migration or repair template does not render.
    public init(
        differences: [SchemaDiff.Difference], expected: LogicalSchema, catalog: SchemaCatalog, dialect: SQLDialect,
        through version: Int, unsafe: Bool
    ) throws {
        let objects = try MigrationObjects(catalog: catalog, dialect: dialect, through: version)
        let engine = catalog.engine(for: dialect)
        func repair(_ name: String, _ identifiers: [String: String]) throws -> String {
            guard let source = catalog.statements["repair/\(name)"] else {
                throw MigrationError.invalidMigrationSet("templates/repair/\(name).sql is missing")
            }
            let sql = try engine.render(source, literals: [:], identifiers: identifiers).sql
            return sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
                .trimmingCharacters()
        }

        var lines: [String] = []
        for difference in differences {
            switch (difference.kind, difference.object) {
            case (.missing, .table(let table)):
                guard let statement = objects[.table(table)] else {
                    lines.append("-- \(difference.line): no migration up to \(version) creates it")
                    continue
                }
                lines.append("-- \(difference.line) (\(statement.migration))")
                lines.append(statement.sql)
                var rest: [MigrationObjects.Statement] = []
                if let definition = expected.table(table) {
                    rest += definition.columns.compactMap { objects[.column(table: table, name: $0.name)] }
                    rest += definition.indexes.compactMap { objects[.index($0.name)] }
                    rest += definition.constraints.compactMap { objects[.constraint(table: table, name: $0.name)] }
                }
                rest += expected.triggers.filter { $0.table == table }.compactMap { objects[.trigger($0.name)] }
                for statement in rest.sorted(by: { $0.order < $1.order }) {
                    lines.append(statement.safeSQL)
                }
            case (.missing, let object):
                guard let key = Self.key(object), let statement = objects[key] else {
                    lines.append(
                        "-- \(difference.line): no statement of migrations 1 to \(version) adds it alone; "
                            + "add it by hand")
                    continue
                }
                lines.append("-- \(difference.line) (\(statement.migration))")
                lines.append(statement.safeSQL)
            case (.invalid, .index(_, let name)):
                lines.append("-- \(difference.line)")
                lines.append(try repair("reindex", ["name": name]))
            case (.unexpected, let object):
                let drop: String
                switch object {
                case .table(let name): drop = try repair("drop_table", ["name": name])
                case .column(let table, let name): drop = try repair("drop_column", ["table": table, "name": name])
                case .index(_, let name): drop = try repair("drop_index", ["name": name])
                case .trigger(let table, let name): drop = try repair("drop_trigger", ["table": table, "name": name])
                case .view(let name): drop = try repair("drop_view", ["name": name])
                case .constraint(let table, let name):
                    drop = try repair("drop_constraint", ["table": table, "name": name])
                case .primaryKey:
                    lines.append("-- \(difference.line): not fixable by a statement")
                    continue
                }
                if unsafe {
                    lines.append("-- \(difference.line): dropped (--unsafe)")
                    lines.append(drop)
                } else {
                    lines.append("-- \(difference.line): only dropping it fixes this; --unsafe includes:")
                    lines += drop.split(separator: "\n").map { "-- " + $0 }
                }
            default:
                lines.append(
                    "-- \(difference.line): no statement from the migrations fixes this; see the "
                        + "migration that created it")
            }
        }
        self.lines = lines
    }

    private static func key(_ object: SchemaDiff.Difference.Object) -> MigrationObjects.Key? {
        switch object {
        case .table(let name): .table(name)
        case .column(let table, let name): .column(table: table, name: name)
        case .index(_, let name): .index(name)
        case .trigger(_, let name): .trigger(name)
        case .view(let name): .view(name)
        case .constraint(let table, let name): .constraint(table: table, name: name)
        case .primaryKey: nil
        }
    }
}
