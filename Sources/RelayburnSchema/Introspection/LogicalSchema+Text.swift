extension LogicalSchema {
    /// The normalised text `relayburn schema dump --live` prints: one line per object, stable across runs.
    public var normalizedText: String {
        var lines: [String] = []
        for table in tables {
            lines.append(table.isVirtual ? "virtual table \(table.name)" : "table \(table.name)")
            for column in table.columns {
                lines.append("  column \(column.describe)")
            }
            if !table.primaryKey.isEmpty {
                lines.append("  primary key (\(table.primaryKey.joined(separator: ", ")))")
            }
            for index in table.indexes {
                lines.append("  \(index.describe)")
            }
            for constraint in table.constraints {
                lines.append("  \(constraint.kind) \(constraint.name) \(constraint.definition)")
            }
        }
        for trigger in triggers {
            lines.append("trigger \(trigger.name) on \(trigger.table)")
        }
        for view in views {
            lines.append("view \(view)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension LogicalSchema.Column {
    /// `name type[ not null][ default EXPR]`.
    public var describe: String {
        "\(name) \(type)\(isNotNull ? " not null" : "")" + (defaultValue.map { " default \($0)" } ?? "")
    }
}

extension LogicalSchema.Index {
    /// `[unique ]index NAME [using METHOD ](columns)[ include (…)][ where PREDICATE][ INVALID]`, naming only what is
    /// not the default, so the text of today's schema is what it was before these details were read.
    public var describe: String {
        var text = "\(isUnique ? "unique index" : "index") \(name) "
        if method != "btree" { text += "using \(method) " }
        text += "(\(columns.joined(separator: ", ")))"
        if !included.isEmpty { text += " include (\(included.joined(separator: ", ")))" }
        if let predicate { text += " where \(predicate)" }
        if !isValid { text += " INVALID" }
        return text
    }
}
