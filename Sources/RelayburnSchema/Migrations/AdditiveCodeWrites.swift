/// The half of the additive rules that needs the whole catalog: a column an additive migration adds must not be
/// one relayburn's own statements write, because older writers, which do not know the column, leave it empty on
/// every row they add, and code that fills it would then read a column that is only sometimes filled. Such a
/// migration is `compat=read-only` (older binaries stop writing) — DESIGN §9.
enum AdditiveCodeWrites {
    /// - Throws: `MigrationError.invalidDeclaration` naming the migration's file:line and the template that writes
    ///   the column.
    static func check(_ migrations: [Migration], statements: [String: TemplateSource]) throws {
        let writers = statements.filter { $0.key.hasPrefix("ledger/") }.sorted { $0.key < $1.key }
        for migration in migrations where migration.compat == .additive {
            for added in addedColumns(migration) {
                for (_, template) in writers {
                    guard let line = writeLine(of: added.column, on: added.table, in: template) else { continue }
                    throw MigrationError.invalidDeclaration(
                        path: migration.source.path, line: added.line,
                        detail: "compat=additive, but \(template.path):\(line) writes \(added.table).\(added.column), "
                            + "which older writers leave empty; declare the migration compat=read-only, or leave the "
                            + "column to a backfill")
                }
            }
        }
    }

    /// `ALTER TABLE t ADD [COLUMN] c …` statements of a migration, lower-cased.
    static func addedColumns(_ migration: Migration) -> [(table: String, column: String, line: Int)] {
        AdditiveRules.statements(of: migration.source.text).compactMap { statement in
            let words = statement.text.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
            guard words.count >= 5, words[0] == "alter", words[1] == "table", words[3] == "add" else { return nil }
            let column = words[4] == "column" ? (words.count > 5 ? words[5] : nil) : words[4]
            return column.map { (words[2], $0, statement.line) }
        }
    }

    /// The line of `template` on which a statement writes `column` of `table`: names it in the column list of an
    /// `INSERT INTO table (…)`, or assigns it in the `SET` of an `UPDATE table` or an upsert into it.
    static func writeLine(of column: String, on table: String, in template: TemplateSource) -> Int? {
        for statement in AdditiveRules.statements(of: withoutBlockTags(template.text)) {
            let text = statement.text.lowercased()
            let tokens = tokens(of: text)
            guard let target = target(of: tokens), target == table else { continue }
            if tokens.first == "insert", let open = tokens.firstIndex(of: "("), let close = tokens.firstIndex(of: ")"),
                open < close, tokens[(open + 1)..<close].contains(column)
            {
                return statement.line
            }
            if let set = tokens.firstIndex(of: "set") {
                let assignments = tokens[set...]
                for (index, token) in zip(assignments.indices, assignments) where token == column {
                    if assignments.indices.contains(index + 1), tokens[index + 1] == "=" { return statement.line }
                }
            }
        }
        return nil
    }

    /// `text` with each `{{#if …}}`, `{{#else}}` and `{{/if}}` tag turned into a statement break, so each dialect's
    /// branch reads as a statement of its own (lines unchanged).
    static func withoutBlockTags(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            result += rest[..<open.lowerBound]
            let tag = rest[open.upperBound...]
            guard tag.hasPrefix("#") || tag.hasPrefix("/"), let close = tag.firstRange(of: "}}") else {
                result += "{{"
                rest = tag
                continue
            }
            result += ";"
            rest = tag[close.upperBound...]
        }
        return result + rest
    }

    /// The table an `INSERT INTO t` or `UPDATE t` statement writes.
    private static func target(of tokens: [String]) -> String? {
        if tokens.starts(with: ["insert", "into"]), tokens.count > 2 { return tokens[2] }
        if tokens.first == "update", tokens.count > 1 { return tokens[1] }
        return nil
    }

    /// Identifiers and the punctuation `(`, `)`, `=` and `,` as separate tokens.
    private static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "." || character == ":" {
                current.append(character)
                continue
            }
            if !current.isEmpty { tokens.append(current) }
            current = ""
            if "()=,".contains(character) { tokens.append(String(character)) }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
