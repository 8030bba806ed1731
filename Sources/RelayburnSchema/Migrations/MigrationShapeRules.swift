/// What the runner's non-transactional and batched migrations may contain, checked whenever a catalog is built
/// (DESIGN §5): a no-transaction migration can be killed between any two statements and is then re-run from the
/// start, so it may hold only statements that are idempotent and need no transaction; a backfill section binds
/// exactly the parameters the runner supplies.
enum MigrationShapeRules {
    /// - Throws: `MigrationError.invalidDeclaration` naming file:line and the rule; `TemplateError` for a statement
    ///   that does not render.
    static func check(_ migration: Migration, engine: TemplateEngine) throws {
        switch migration.kind {
        case .transactional:
            return
        case .noTransaction:
            for statement in migration.separateStatements {
                let rendered = try engine.render(statement)
                let line = firstLine(of: statement)
                guard rendered.parameters.isEmpty else {
                    throw refuse(migration, line, "binds :\(rendered.parameters[0]), and migrations have no parameters")
                }
                guard NoTransactionStatement(sql: rendered.sql) != nil else {
                    throw refuse(
                        migration, line,
                        "is not one a no-transaction migration may run: only CREATE [UNIQUE] INDEX CONCURRENTLY IF "
                            + "NOT EXISTS, DROP INDEX CONCURRENTLY IF EXISTS, REINDEX … CONCURRENTLY and "
                            + "ALTER TABLE … "
                            + "VALIDATE CONSTRAINT are idempotent and safe to re-run after a kill; move the rest to a "
                            + "transactional migration")
                }
            }
        case .backfill:
            guard let backfill = migration.backfill else { return }
            let allowed: [(TemplateSource, Set<String>, String)] = [
                (backfill.boundSource, ["after", "batch_size"], "the batch's last key"),
                (backfill.fillSource, ["after", "last"], "the fill"),
            ]
            for (source, parameters, role) in allowed {
                let rendered = try engine.render(source)
                if let stray = rendered.parameters.first(where: { !parameters.contains($0) }) {
                    throw refuse(
                        migration, firstLine(of: source),
                        "(\(role)) binds :\(stray); the runner binds only "
                            + parameters.sorted().map { ":" + $0 }.joined(separator: " and "))
                }
            }
        }
    }

    private static func refuse(_ migration: Migration, _ line: Int, _ rule: String) -> MigrationError {
        .invalidDeclaration(path: migration.source.path, line: line, detail: "this statement \(rule)")
    }

    /// The first line of a blanked statement holding anything but blanks and comments.
    static func firstLine(of source: TemplateSource) -> Int {
        for (offset, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: " \t\r")
            if !text.isEmpty && !text.hasPrefix("--") { return offset + 1 }
        }
        return 1
    }
}

/// A statement of a no-transaction migration, recognised from its rendered PostgreSQL text, and the index names
/// a killed run of it may leave behind INVALID.
struct NoTransactionStatement: Equatable {
    /// Index names to drop first when PostgreSQL marks them INVALID: the index a killed `CREATE INDEX
    /// CONCURRENTLY` left, or the `_ccnew` copy of a killed `REINDEX … CONCURRENTLY`.
    let leftoverIndex: String?
    let isReindex: Bool

    /// `nil` for a statement outside the allow-list.
    init?(sql: String) {
        let words = Self.words(of: sql)
        func after(_ prefix: [String]) -> String? {
            guard words.count > prefix.count, words.starts(with: prefix) else { return nil }
            return words[prefix.count]
        }
        if let name = after(["CREATE", "INDEX", "CONCURRENTLY", "IF", "NOT", "EXISTS"])
            ?? after(["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", "IF", "NOT", "EXISTS"])
        {
            leftoverIndex = Self.unquoted(name)
            isReindex = false
        } else if after(["DROP", "INDEX", "CONCURRENTLY", "IF", "EXISTS"]) != nil {
            leftoverIndex = nil
            isReindex = false
        } else if let name = after(["REINDEX", "INDEX", "CONCURRENTLY"]) {
            leftoverIndex = Self.unquoted(name)
            isReindex = true
        } else if after(["REINDEX", "TABLE", "CONCURRENTLY"]) != nil {
            leftoverIndex = nil
            isReindex = true
        } else if words.starts(with: ["ALTER", "TABLE"]), let validate = words.firstIndex(of: "VALIDATE"),
            words.indices.contains(validate + 2), words[validate + 1] == "CONSTRAINT", words.count == validate + 3
        {
            leftoverIndex = nil
            isReindex = false
        } else {
            return nil
        }
    }

    /// Upper-cased words outside comments, without the final `;`. Quoted names keep their case.
    static func words(of sql: String) -> [String] {
        var words: [String] = []
        for line in sql.split(separator: "\n") {
            var text = Substring(line)
            if let comment = text.firstRange(of: "--") { text = text[..<comment.lowerBound] }
            for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == ";" }) {
                words.append(word.hasPrefix("\"") ? String(word) : word.uppercased())
            }
        }
        return words
    }

    /// A name as PostgreSQL stores it: quotes removed, unquoted names folded to lower case; the schema dropped.
    static func unquoted(_ name: String) -> String {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        if last.hasPrefix("\""), last.hasSuffix("\""), last.count >= 2 {
            return String(last.dropFirst().dropLast()).replacing("\"\"", with: "\"")
        }
        return last.lowercased()
    }
}
