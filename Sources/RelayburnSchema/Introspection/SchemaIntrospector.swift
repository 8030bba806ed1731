/// Reads a live schema through the `templates/introspect/` queries; works on any `MigrationConnection`.
public struct SchemaIntrospector: Sendable {
    let columns: RenderedStatement
    let indexes: RenderedStatement
    let triggers: RenderedStatement

    /// - Throws: `TemplateError` when an introspection template does not render for `dialect`.
    public init(catalog: SchemaCatalog = .embedded, dialect: SQLDialect) throws {
        columns = try catalog.statement("introspect/columns", for: dialect)
        indexes = try catalog.statement("introspect/indexes", for: dialect)
        triggers = try catalog.statement("introspect/triggers", for: dialect)
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
                .init(name: column, type: (row[2].textValue ?? "").lowercased(), isNotNull: notNull))
            if keyPosition > 0 { primaryKeys[table, default: []].append((keyPosition, column)) }
        }
        for (table, key) in primaryKeys {
            tables[table]?.primaryKey = key.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var indexesByTable: [String: [String: LogicalSchema.Index]] = [:]
        for row in try connection.query(indexes, bindings: []) {
            guard row.count >= 5, let table = row[0].textValue, let name = row[1].textValue else { continue }
            let column = row[4].textValue ?? "(expression)"
            indexesByTable[table, default: [:]][name, default: .init(name: name, isUnique: row[2].boolValue, columns: [])]
                .columns.append(column)
        }
        for (table, indexes) in indexesByTable {
            tables[table]?.indexes = indexes.values.sorted { $0.name < $1.name }
        }
        let triggerList = try connection.query(triggers, bindings: []).compactMap { row -> LogicalSchema.Trigger? in
            guard row.count >= 2, let table = row[0].textValue, let name = row[1].textValue else { return nil }
            return .init(name: name, table: table)
        }
        return LogicalSchema(tables: order.compactMap { tables[$0] }, triggers: triggerList)
    }
}
