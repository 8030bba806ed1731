/// The differences between the schema the migrations describe and a live one.
public enum SchemaDiff {
    /// The runner's own bookkeeping. `schema diff` does not compare it: the runner creates and upgrades it under
    /// its lock when it next has work, so a store a newer binary has only read lacks the newest columns without
    /// anything being wrong, and `migrate status` is what checks its contents.
    public static let runnerTables: Set<String> = ["schema_versions", "schema_checksum_audit"]

    /// One difference: what kind, which object, and the line `schema diff` prints for it.
    public struct Difference: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// In the expected schema, not in the live one.
            case missing
            /// In the live schema, created by no migration.
            case unexpected
            /// Present in both, but not the same (type, nullability, key, definition).
            case changed
            /// A PostgreSQL index that exists but is INVALID (a failed concurrent build).
            case invalid
        }

        /// The object concerned.
        public enum Object: Sendable, Equatable {
            case table(String)
            case column(table: String, name: String)
            case index(table: String, name: String)
            case constraint(table: String, name: String)
            case trigger(table: String, name: String)
            case view(String)
            case primaryKey(table: String)
        }

        public let kind: Kind
        public let object: Object
        /// E.g. `missing index turns_project (project) on turns`.
        public let line: String
    }

    /// Lists what `actual` lacks, adds or changes relative to `expected`, one line each, sorted by object; empty
    /// when they match. `ignoring` tables (default: the runner's own) are left out.
    public static func differences(
        expected: LogicalSchema, actual: LogicalSchema, ignoring: Set<String> = runnerTables
    ) -> [String] {
        structuredDifferences(expected: expected, actual: actual, ignoring: ignoring).map(\.line)
    }

    /// The differences with what each is about, for turning them into SQL (``SchemaRepair``).
    public static func structuredDifferences(
        expected: LogicalSchema, actual: LogicalSchema, ignoring: Set<String> = runnerTables
    ) -> [Difference] {
        let expected = expected.leavingOut(ignoring)
        let actual = actual.leavingOut(ignoring)
        var found: [Difference] = []
        let actualTables = Dictionary(actual.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(expected.tables.map(\.name))
        // A virtual table's shadow tables (SQLite FTS5's content_fts_data, …) come and go with it.
        let missingVirtual = expected.tables.filter { $0.isVirtual && actualTables[$0.name] == nil }.map(\.name)
        for table in expected.tables {
            guard let live = actualTables[table.name] else {
                if missingVirtual.contains(where: { table.name.hasPrefix($0 + "_") }) { continue }
                found.append(
                    Difference(kind: .missing, object: .table(table.name), line: "missing table \(table.name)"))
                continue
            }
            found += tableDifferences(expected: table, actual: live)
        }
        for table in actual.tables where !expectedNames.contains(table.name) {
            found.append(
                Difference(kind: .unexpected, object: .table(table.name), line: "unexpected table \(table.name)"))
        }
        // A missing table's triggers come back with the table; listing them too would only repeat it.
        let missingTables = Set(
            found.filter { $0.kind == .missing }.compactMap { difference -> String? in
                if case .table(let name) = difference.object { return name }
                return nil
            })
        let liveTriggers = Set(actual.triggers.map { "\($0.name) on \($0.table)" })
        let expectedTriggers = Set(expected.triggers.map { "\($0.name) on \($0.table)" })
        for trigger in expected.triggers
        where !liveTriggers.contains("\(trigger.name) on \(trigger.table)") && !missingTables.contains(trigger.table) {
            found.append(
                Difference(
                    kind: .missing, object: .trigger(table: trigger.table, name: trigger.name),
                    line: "missing trigger \(trigger.name) on \(trigger.table)"))
        }
        for trigger in actual.triggers where !expectedTriggers.contains("\(trigger.name) on \(trigger.table)") {
            found.append(
                Difference(
                    kind: .unexpected, object: .trigger(table: trigger.table, name: trigger.name),
                    line: "unexpected trigger \(trigger.name) on \(trigger.table)"))
        }
        let liveViews = Set(actual.views)
        let expectedViews = Set(expected.views)
        for view in expected.views where !liveViews.contains(view) {
            found.append(Difference(kind: .missing, object: .view(view), line: "missing view \(view)"))
        }
        for view in actual.views where !expectedViews.contains(view) {
            found.append(Difference(kind: .unexpected, object: .view(view), line: "unexpected view \(view)"))
        }
        return found
    }

    private static func tableDifferences(expected: LogicalSchema.Table, actual: LogicalSchema.Table) -> [Difference] {
        var found: [Difference] = []
        let name = expected.name
        func add(_ kind: Difference.Kind, _ object: Difference.Object, _ line: String) {
            found.append(Difference(kind: kind, object: object, line: line))
        }
        let liveColumns = Dictionary(actual.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedColumnNames = Set(expected.columns.map(\.name))
        for column in expected.columns {
            let object = Difference.Object.column(table: name, name: column.name)
            guard let live = liveColumns[column.name] else {
                add(.missing, object, "missing column \(name).\(column.name) \(column.type)")
                continue
            }
            if live.type != column.type {
                add(.changed, object, "column \(name).\(column.name) has type \(live.type), expected \(column.type)")
            }
            if live.isNotNull != column.isNotNull {
                add(
                    .changed, object,
                    "column \(name).\(column.name) is \(live.isNotNull ? "not null" : "nullable"), expected "
                        + (column.isNotNull ? "not null" : "nullable"))
            }
            if live.defaultValue != column.defaultValue {
                add(
                    .changed, object,
                    "column \(name).\(column.name) has default \(live.defaultValue ?? "none"), expected "
                        + (column.defaultValue ?? "none"))
            }
        }
        for column in actual.columns where !expectedColumnNames.contains(column.name) {
            add(
                .unexpected, .column(table: name, name: column.name),
                "unexpected column \(name).\(column.name) \(column.type)")
        }
        if expected.primaryKey != actual.primaryKey {
            add(
                .changed, .primaryKey(table: name),
                "table \(name) has primary key (\(actual.primaryKey.joined(separator: ", "))), expected ("
                    + expected.primaryKey.joined(separator: ", ") + ")")
        }
        let liveIndexes = Dictionary(actual.indexes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedIndexNames = Set(expected.indexes.map(\.name))
        for index in expected.indexes {
            let object = Difference.Object.index(table: name, name: index.name)
            guard let live = liveIndexes[index.name] else {
                add(.missing, object, "missing \(index.describe) on \(name)")
                continue
            }
            var valid = live
            valid.isValid = true
            if valid != index {
                add(.changed, object, "\(live.describe) on \(name) differs, expected \(index.describe)")
            } else if !live.isValid {
                add(.invalid, object, "index \(index.name) on \(name) is INVALID (a failed concurrent build)")
            }
        }
        for index in actual.indexes where !expectedIndexNames.contains(index.name) {
            add(.unexpected, .index(table: name, name: index.name), "unexpected \(index.describe) on \(name)")
        }
        let liveConstraints = Dictionary(
            actual.constraints.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedConstraintNames = Set(expected.constraints.map(\.name))
        for constraint in expected.constraints {
            let object = Difference.Object.constraint(table: name, name: constraint.name)
            guard let live = liveConstraints[constraint.name] else {
                add(.missing, object, "missing \(constraint.kind) \(constraint.name) on \(name)")
                continue
            }
            if live != constraint {
                add(
                    .changed, object,
                    "\(constraint.kind) \(constraint.name) on \(name) is \(live.definition), expected "
                        + constraint.definition)
            }
        }
        for constraint in actual.constraints where !expectedConstraintNames.contains(constraint.name) {
            add(
                .unexpected, .constraint(table: name, name: constraint.name),
                "unexpected \(constraint.kind) \(constraint.name) on \(name)")
        }
        return found
    }
}
