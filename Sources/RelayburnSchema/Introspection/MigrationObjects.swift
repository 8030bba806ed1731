/// The statement that creates each schema object, found in the migrations as rendered for one dialect: what
/// `schema diff --sql` prints for a missing object.
///
/// Recognised: `CREATE [VIRTUAL] TABLE`, `CREATE [UNIQUE] INDEX`, `CREATE TRIGGER`, `CREATE [OR REPLACE] VIEW`,
/// `ALTER TABLE … ADD [COLUMN] …` and `ALTER TABLE … ADD CONSTRAINT …`. When a later migration creates an object
/// again, the later statement wins.
struct MigrationObjects {
    /// One creating statement.
    struct Statement {
        /// The migration it comes from, e.g. `0001_initial`.
        let migration: String
        /// The statement as the migration has it, ending in `;`.
        let sql: String
        /// For an index: the statement rewritten to build without blocking writers and to be a no-op when the
        /// index exists (`CREATE INDEX CONCURRENTLY IF NOT EXISTS` on PostgreSQL, `CREATE INDEX IF NOT EXISTS` on
        /// SQLite).
        let safeSQL: String
        /// The table it creates or changes (the index's or trigger's table).
        let table: String?
        /// Position in the migrations, for printing a table's statements in the order they ran.
        let order: Int
    }

    enum Key: Hashable {
        case table(String)
        case column(table: String, name: String)
        case index(String)
        case trigger(String)
        case view(String)
        case constraint(table: String, name: String)
    }

    private(set) var statements: [Key: Statement] = [:]

    /// Scans migrations 1…`version` of `catalog` rendered for `dialect`.
    init(catalog: SchemaCatalog, dialect: SQLDialect, through version: Int) throws {
        var order = 0
        for migration in catalog.migrations where migration.version <= version {
            let sql = try catalog.render(migration, for: dialect).sql
            let bytes = Array(sql.utf8)
            for statement in LintStatementSplitter.statements(of: sql) {
                order += 1
                guard let (key, table, nameWord) = Self.creates(statement) else { continue }
                var text = String(decoding: bytes[statement.offset..<statement.end], as: UTF8.self)
                    .trimmingCharacters()
                if !text.hasSuffix(";") { text += ";" }
                var safe = text
                if case .index = key, let nameWord {
                    let rest = String(decoding: bytes[nameWord.offset..<statement.end], as: UTF8.self)
                        .trimmingCharacters()
                    safe =
                        "CREATE " + (statement.starts(with: ["CREATE", "UNIQUE"]) ? "UNIQUE " : "") + "INDEX "
                        + (dialect == .postgres ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + rest
                    if !safe.hasSuffix(";") { safe += ";" }
                }
                statements[key] = Statement(
                    migration: migration.label, sql: text, safeSQL: safe, table: table, order: order)
            }
        }
    }

    subscript(_ key: Key) -> Statement? { statements[key] }

    /// What `statement` creates: its key, its table, and (for an index) the word holding the index's name.
    private static func creates(_ statement: LintStatement) -> (Key, String?, LintStatement.Word?)? {
        let top = statement.words.filter { $0.depth == 0 }
        let texts = top.map(\.text)
        func word(after position: Int) -> (LintStatement.Word, Int)? {
            var index = position
            while index < top.count, ["IF", "NOT", "EXISTS", "ONLY", "CONCURRENTLY", "COLUMN"].contains(texts[index]) {
                index += 1
            }
            return index < top.count ? (top[index], index) : nil
        }
        func name(_ word: LintStatement.Word) -> String { LintStatement.unquoted(word.text) }

        if texts.starts(with: ["CREATE", "TABLE"]) || texts.starts(with: ["CREATE", "VIRTUAL", "TABLE"]) {
            guard let table = texts.firstIndex(of: "TABLE"), let (nameWord, _) = word(after: table + 1) else {
                return nil
            }
            return (.table(name(nameWord)), name(nameWord), nil)
        }
        if texts.starts(with: ["CREATE", "INDEX"]) || texts.starts(with: ["CREATE", "UNIQUE", "INDEX"]) {
            guard let index = texts.firstIndex(of: "INDEX"), let (nameWord, at) = word(after: index + 1),
                let on = texts[at...].firstIndex(of: "ON"), let (tableWord, _) = word(after: on + 1)
            else { return nil }
            return (.index(name(nameWord)), name(tableWord), nameWord)
        }
        if texts.starts(with: ["CREATE", "TRIGGER"]) {
            guard let (nameWord, at) = word(after: 2), let on = texts[at...].firstIndex(of: "ON"),
                let (tableWord, _) = word(after: on + 1)
            else { return nil }
            return (.trigger(name(nameWord)), name(tableWord), nil)
        }
        if texts.starts(with: ["CREATE", "VIEW"]) || texts.starts(with: ["CREATE", "OR", "REPLACE", "VIEW"]) {
            guard let view = texts.firstIndex(of: "VIEW"), let (nameWord, _) = word(after: view + 1) else {
                return nil
            }
            return (.view(name(nameWord)), nil, nil)
        }
        if texts.starts(with: ["ALTER", "TABLE"]) {
            guard let (tableWord, at) = word(after: 2), at + 1 < top.count, texts[at + 1] == "ADD" else { return nil }
            let table = name(tableWord)
            if at + 2 < top.count, texts[at + 2] == "CONSTRAINT" {
                guard let (constraintWord, _) = word(after: at + 3) else { return nil }
                return (.constraint(table: table, name: name(constraintWord)), table, nil)
            }
            guard let (columnWord, _) = word(after: at + 2) else { return nil }
            return (.column(table: table, name: name(columnWord)), table, nil)
        }
        return nil
    }
}
