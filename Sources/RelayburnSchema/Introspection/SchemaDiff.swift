/// The differences between the schema the migrations describe and a live one, one readable line each.
public enum SchemaDiff {
    /// The runner's own bookkeeping. It is not compared: the runner creates and upgrades it under its lock when it
    /// next has work, so a store a newer binary has only read lacks the newest columns without anything being
    /// wrong, and `migrate status` is what checks its contents.
    public static let runnerTables: Set<String> = ["schema_versions", "schema_checksum_audit"]

    /// Lists what `actual` lacks, adds or changes relative to `expected`, sorted by object; empty when they match.
    /// The runner's tables (``runnerTables``) are left out.
    public static func differences(expected: LogicalSchema, actual: LogicalSchema) -> [String] {
        let expected = expected.leavingOut(runnerTables)
        let actual = actual.leavingOut(runnerTables)
        var lines: [String] = []
        let actualTables = Dictionary(actual.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(expected.tables.map(\.name))
        for table in expected.tables {
            guard let live = actualTables[table.name] else {
                lines.append("missing table \(table.name)")
                continue
            }
            lines += tableDifferences(expected: table, actual: live)
        }
        for table in actual.tables where !expectedNames.contains(table.name) {
            lines.append("unexpected table \(table.name)")
        }
        let expectedTriggers = Set(expected.triggers.map { "\($0.name) on \($0.table)" })
        let actualTriggers = Set(actual.triggers.map { "\($0.name) on \($0.table)" })
        lines += expectedTriggers.subtracting(actualTriggers).sorted().map { "missing trigger \($0)" }
        lines += actualTriggers.subtracting(expectedTriggers).sorted().map { "unexpected trigger \($0)" }
        return lines
    }

    private static func tableDifferences(expected: LogicalSchema.Table, actual: LogicalSchema.Table) -> [String] {
        var lines: [String] = []
        let name = expected.name
        let liveColumns = Dictionary(actual.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedColumnNames = Set(expected.columns.map(\.name))
        for column in expected.columns {
            guard let live = liveColumns[column.name] else {
                lines.append("missing column \(name).\(column.name) \(column.type)")
                continue
            }
            if live.type != column.type {
                lines.append("column \(name).\(column.name) has type \(live.type), expected \(column.type)")
            }
            if live.isNotNull != column.isNotNull {
                lines.append(
                    "column \(name).\(column.name) is \(live.isNotNull ? "not null" : "nullable"), expected "
                        + (column.isNotNull ? "not null" : "nullable"))
            }
        }
        for column in actual.columns where !expectedColumnNames.contains(column.name) {
            lines.append("unexpected column \(name).\(column.name) \(column.type)")
        }
        if expected.primaryKey != actual.primaryKey {
            lines.append(
                "table \(name) has primary key (\(actual.primaryKey.joined(separator: ", "))), expected ("
                    + expected.primaryKey.joined(separator: ", ") + ")")
        }
        let liveIndexes = Dictionary(actual.indexes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedIndexNames = Set(expected.indexes.map(\.name))
        for index in expected.indexes {
            guard let live = liveIndexes[index.name] else {
                lines.append("missing \(describe(index)) on \(name)")
                continue
            }
            if live != index { lines.append("\(describe(live)) on \(name) differs, expected \(describe(index))") }
        }
        for index in actual.indexes where !expectedIndexNames.contains(index.name) {
            lines.append("unexpected \(describe(index)) on \(name)")
        }
        return lines
    }

    private static func describe(_ index: LogicalSchema.Index) -> String {
        "\(index.isUnique ? "unique index" : "index") \(index.name) (\(index.columns.joined(separator: ", ")))"
    }
}
