/// Reads a live schema through the `templates/introspect/` queries; works on any `MigrationConnection`.
public struct SchemaIntrospector: Sendable {
    let columns: RenderedStatement
    let indexes: RenderedStatement
    let triggers: RenderedStatement
    let constraints: RenderedStatement
    let views: RenderedStatement

    /// - Throws: `TemplateError` when an introspection template does not render for `dialect`.
    public init(catalog: SchemaCatalog = .embedded, dialect: SQLDialect) throws {
        columns = try catalog.statement("introspect/columns", for: dialect)
        indexes = try catalog.statement("introspect/indexes", for: dialect)
        triggers = try catalog.statement("introspect/triggers", for: dialect)
        constraints = try catalog.statement("introspect/constraints", for: dialect)
        views = try catalog.statement("introspect/views", for: dialect)
    }

    /// Introspects the database (SQLite) or current schema (PostgreSQL) behind `connection`.
    ///
    /// - Throws: `DatabaseError` when a query fails.
    public func introspect(_ connection: any MigrationConnection) throws -> LogicalSchema {
        var tables: [String: LogicalSchema.Table] = [:]
        var order: [String] = []
        var primaryKeys: [String: [(Int64, String)]] = [:]
        for row in try connection.query(columns, bindings: []) {
            guard row.count >= 6, let table = row[0].textValue, let column = row[1].textValue else { continue }
            let keyPosition = row[4].integerValue ?? 0
            if tables[table] == nil {
                tables[table] = LogicalSchema.Table(
                    name: table, columns: [], primaryKey: [], indexes: [], isVirtual: row[5].boolValue)
                order.append(table)
            }
            // PostgreSQL forces key columns NOT NULL; SQLite reports them as declared. Both mean the same.
            let notNull = row[3].boolValue || keyPosition > 0
            tables[table]?.columns.append(
                .init(
                    name: column, type: (row[2].textValue ?? "").lowercased(), isNotNull: notNull,
                    defaultValue: row.count > 6 ? row[6].textValue : nil))
            if keyPosition > 0 { primaryKeys[table, default: []].append((keyPosition, column)) }
        }
        for (table, key) in primaryKeys {
            tables[table]?.primaryKey = key.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var indexesByTable: [String: [String: LogicalSchema.Index]] = [:]
        for row in try connection.query(indexes, bindings: []) {
            guard row.count >= 10, let table = row[0].textValue, let name = row[1].textValue else { continue }
            var index =
                indexesByTable[table]?[name]
                ?? LogicalSchema.Index(
                    name: name, isUnique: row[2].boolValue, columns: [], method: row[5].textValue ?? "btree",
                    predicate: row[6].textValue, isValid: row[7].boolValue)
            let column = row[9].textValue ?? row[4].textValue ?? "(expression)"
            if row[8].boolValue { index.included.append(column) } else { index.columns.append(column) }
            indexesByTable[table, default: [:]][name] = index
        }
        for (table, indexes) in indexesByTable {
            tables[table]?.indexes = indexes.values.sorted { $0.name < $1.name }
        }
        for row in try connection.query(constraints, bindings: []) {
            guard row.count >= 4, let table = row[0].textValue, let name = row[1].textValue,
                let definition = row[3].textValue
            else { continue }
            let kind = row[2].textValue == "f" ? "foreign key" : "check"
            tables[table]?.constraints.append(.init(name: name, kind: kind, definition: definition))
        }
        let triggerList = try connection.query(triggers, bindings: []).compactMap { row -> LogicalSchema.Trigger? in
            guard row.count >= 2, let table = row[0].textValue, let name = row[1].textValue else { return nil }
            return .init(name: name, table: table)
        }
        let viewNames = try connection.query(views, bindings: []).compactMap { $0.first?.textValue }
        return LogicalSchema(tables: order.compactMap { tables[$0] }, triggers: triggerList, views: viewNames)
    }
}
