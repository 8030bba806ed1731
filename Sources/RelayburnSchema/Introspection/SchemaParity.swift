/// Checks that SQLite and PostgreSQL, after the same migrations, describe the same logical schema (DESIGN §6).
///
/// Objects a dialect definition declares with `only` are removed from that side first (and must exist there);
/// column types are compared by family, since SQLite has no separate boolean or bigint.
public enum SchemaParity {
    /// Every way the two schemas differ, plus every declared dialect-only object that is missing; empty when
    /// they agree.
    public static func differences(
        sqlite: LogicalSchema, postgres: LogicalSchema, catalog: SchemaCatalog = .embedded
    ) -> [String] {
        var problems: [String] = []
        let sqliteShared = removingDialectOnly(sqlite, catalog.dialects[.sqlite], into: &problems)
        let postgresShared = removingDialectOnly(postgres, catalog.dialects[.postgres], into: &problems)
        problems += SchemaDiff.differences(
            expected: byFamily(sqliteShared), actual: byFamily(postgresShared), ignoring: []
        )
        .map { "postgres vs sqlite: \($0)" }
        return problems
    }

    private static func removingDialectOnly(
        _ schema: LogicalSchema, _ definition: DialectDefinition?, into problems: inout [String]
    ) -> LogicalSchema {
        guard let definition else { return schema }
        func isDeclared(_ kind: String, _ name: String) -> Bool { definition.isDialectOnly(kind: kind, name: name) }
        for object in definition.dialectOnlyObjects {
            let found: Bool
            switch object.kind {
            case "table": found = schema.tables.contains { object.matches(kind: "table", name: $0.name) }
            case "index":
                found = schema.tables.contains { $0.indexes.contains { object.matches(kind: "index", name: $0.name) } }
            case "trigger": found = schema.triggers.contains { object.matches(kind: "trigger", name: $0.name) }
            default: found = false
            }
            if !found {
                problems.append(
                    "\(definition.dialect.rawValue)-only \(object.kind) \(object.name) is declared but missing")
            }
        }
        var tables = schema.tables.filter { !isDeclared("table", $0.name) }
        for index in tables.indices {
            tables[index].indexes.removeAll { isDeclared("index", $0.name) }
        }
        return LogicalSchema(
            tables: tables, triggers: schema.triggers.filter { !isDeclared("trigger", $0.name) }, views: schema.views)
    }

    /// The schema as both dialects can describe it: column types by family, and without what each prints in its
    /// own words (defaults, predicates, expression texts) or cannot read at all (SQLite keeps no CHECK texts or
    /// constraint names).
    private static func byFamily(_ schema: LogicalSchema) -> LogicalSchema {
        var copy = schema
        for table in copy.tables.indices {
            let columnNames = Set(copy.tables[table].columns.map(\.name))
            for column in copy.tables[table].columns.indices {
                copy.tables[table].columns[column].type = family(of: copy.tables[table].columns[column].type)
                copy.tables[table].columns[column].defaultValue = copy.tables[table].columns[column].defaultValue
                    .map { _ in "(default)" }
            }
            for index in copy.tables[table].indexes.indices {
                copy.tables[table].indexes[index].predicate = copy.tables[table].indexes[index].predicate
                    .map { _ in "(predicate)" }
                copy.tables[table].indexes[index].columns = copy.tables[table].indexes[index].columns.map {
                    columnNames.contains($0) ? $0 : "(expression)"
                }
            }
            copy.tables[table].constraints = []
        }
        return copy
    }

    static func family(of type: String) -> String {
        switch type {
        case "integer", "int", "bigint", "smallint", "boolean": "integer"
        case "real", "double precision", "double", "float": "real"
        case "blob", "bytea": "blob"
        default: type.hasPrefix("character varying") || type == "text" ? "text" : type
        }
    }
}
