extension LogicalSchema {
    /// The normalised text `relayburn schema dump --live` prints: one line per object, stable across runs.
    public var normalizedText: String {
        var lines: [String] = []
        for table in tables {
            lines.append(table.isVirtual ? "virtual table \(table.name)" : "table \(table.name)")
            for column in table.columns {
                lines.append("  column \(column.name) \(column.type)\(column.isNotNull ? " not null" : "")")
            }
            if !table.primaryKey.isEmpty {
                lines.append("  primary key (\(table.primaryKey.joined(separator: ", ")))")
            }
            for index in table.indexes {
                lines.append("  \(index.isUnique ? "unique index" : "index") \(index.name) (\(index.columns.joined(separator: ", ")))")
            }
        }
        for trigger in triggers {
            lines.append("trigger \(trigger.name) on \(trigger.table)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
