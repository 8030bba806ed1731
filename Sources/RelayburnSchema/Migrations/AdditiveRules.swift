/// Checks that a migration declared `compat=additive` is one older binaries can really keep writing through: it may
/// create tables and indexes and add nullable (or defaulted) columns, but nothing an old writer could violate or
/// would miss. A declaration is checked, not trusted (DESIGN §9).
enum AdditiveRules {
    /// - Throws: `MigrationError.invalidDeclaration` naming the file, the statement's line and the rule.
    static func check(_ migration: Migration) throws {
        guard migration.compat == .additive else { return }
        var createdTables: Set<String> = []
        for statement in statements(of: migration.source.text) {
            let words = statement.text.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "(" })
                .map(String.init)
            if words.starts(with: ["CREATE", "TABLE"]) {
                let name = words.dropFirst(2).first { !["IF", "NOT", "EXISTS"].contains($0) }
                if let name { createdTables.insert(name) }
                continue
            }
            if let rule = violation(words, createdTables: createdTables) {
                throw MigrationError.invalidDeclaration(
                    path: migration.source.path, line: statement.line,
                    detail: "compat=additive, but this statement \(rule), which older writers cannot live with; "
                        + "declare the migration compat=read-only or compat=breaking, or make the change additive")
            }
        }
    }

    /// The rule a statement breaks, if any (`words`: upper-cased, split on blanks and "(").
    static func violation(_ words: [String], createdTables: Set<String>) -> String? {
        let text = " " + words.joined(separator: " ") + " "
        if words.first == "DROP" || text.contains(" DROP ") { return "drops something" }
        if text.contains(" RENAME ") { return "renames something" }
        if words.first == "UPDATE" || words.first == "DELETE" {
            return "rewrites existing rows (a backfill old writers would not keep up)"
        }
        if words.starts(with: ["CREATE", "UNIQUE", "INDEX"]) {
            let table = words.firstIndex(of: "ON").flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil }
            if let table, !createdTables.contains(table) {
                return "adds a unique index to an existing table (an old writer could violate it)"
            }
        }
        guard words.starts(with: ["ALTER", "TABLE"]) else { return nil }
        if text.contains(" TYPE ") { return "changes a column's type" }
        if text.contains(" SET NOT NULL ") { return "tightens a column to NOT NULL" }
        if text.contains(" UNIQUE ") || text.contains(" CHECK ") || text.contains(" REFERENCES ")
            || text.contains(" FOREIGN KEY ")
        {
            return "adds a constraint an old writer could violate"
        }
        if text.contains(" ADD ") && text.contains(" NOT NULL ") && !text.contains(" DEFAULT ") {
            return "adds a NOT NULL column without a default (old writers leave it empty)"
        }
        return nil
    }

    /// The `;`-separated statements of a migration's text with the line each starts on, comments removed.
    static func statements(of text: String) -> [(text: String, line: Int)] {
        var result: [(text: String, line: Int)] = []
        var current = ""
        var startLine = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let comment = line.firstRange(of: "--") { line = line[..<comment.lowerBound] }
            for piece in line.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
                if piece.offset > 0 {
                    if !current.trimmingCharacters(in: " \t\n\r").isEmpty { result.append((current, startLine)) }
                    current = ""
                }
                if current.trimmingCharacters(in: " \t\n\r").isEmpty,
                    !piece.element.trimmingCharacters(in: " \t\r").isEmpty
                {
                    startLine = offset + 1
                }
                current += piece.element + "\n"
            }
        }
        if !current.trimmingCharacters(in: " \t\n\r").isEmpty { result.append((current, startLine)) }
        return result
    }
}
