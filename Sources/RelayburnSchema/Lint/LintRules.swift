/// The static rules over one dialect's rendering of one migration, statement by statement (DESIGN §5, issue 16).
/// The runner already bounds every statement's lock wait, so no rule asks for `SET lock_timeout`.
struct LintRules {
    let dialect: SQLDialect
    let kind: MigrationKind
    /// Tables this migration created before the statement under test: rebuilding or indexing them blocks no one.
    private(set) var createdTables: Set<String> = []
    /// Set once a statement took ACCESS EXCLUSIVE on a table that existed before (PostgreSQL, in a transaction).
    private(set) var exclusiveLockTaken = false

    init(dialect: SQLDialect, kind: MigrationKind) {
        self.dialect = dialect
        self.kind = kind
    }

    /// Whether this migration runs in one transaction on this dialect.
    private var isTransactional: Bool { dialect == .sqlite || kind != .noTransaction }

    /// The rules `statement` breaks, each with its message; then records what it created or locked.
    mutating func check(_ statement: LintStatement, hasDDL: Bool) -> [(LintRule, String)] {
        var found: [(LintRule, String)] = []
        let top = statement.topLevel
        if dialect == .postgres && exclusiveLockTaken && isTransactional && !Self.isMetadataOnlyAlter(statement) {
            found.append(
                (
                    .workAfterExclusiveLock,
                    "this statement runs while an earlier ALTER of the same migration still holds ACCESS EXCLUSIVE, "
                        + "so readers and writers of that table wait for it too"
                ))
        }
        if top.starts(with: ["CREATE", "TABLE"]) || top.starts(with: ["CREATE", "VIRTUAL", "TABLE"]) {
            if let name = statement.name(after: "TABLE") { createdTables.insert(name) }
        }
        found += indexRules(statement)
        found += alterRules(statement)
        found += writeRules(statement, hasDDL: hasDDL)
        if top.first == "DROP" {
            found.append((.dropOrRename, "DROP \(top.dropFirst().first ?? "") breaks every binary that still uses it"))
        }
        if dialect == .postgres && isTransactional && statement.hasTopLevel("CONCURRENTLY") {
            found.append((.concurrentlyInTransaction, "CONCURRENTLY fails inside the migration's transaction"))
        }
        if dialect == .postgres && isTransactional && Self.takesAccessExclusive(statement, createdTables) {
            exclusiveLockTaken = true
        }
        return found
    }

    // MARK: - The rule families

    private func indexRules(_ statement: LintStatement) -> [(LintRule, String)] {
        let top = statement.topLevel
        guard dialect == .postgres, top.first == "CREATE",
            top.starts(with: ["CREATE", "INDEX"]) || top.starts(with: ["CREATE", "UNIQUE", "INDEX"]),
            !statement.hasTopLevel("CONCURRENTLY"), let table = statement.name(after: "ON"),
            !createdTables.contains(table)
        else { return [] }
        if top[1] == "UNIQUE" {
            return [
                (
                    .uniqueOnExistingTable,
                    "a UNIQUE index built on existing table \(table) blocks its writes while it builds, and fails "
                        + "the migration on the first duplicate"
                )
            ]
        }
        return [
            (
                .indexNotConcurrent,
                "CREATE INDEX on existing table \(table) without CONCURRENTLY blocks its writes for the whole build"
            )
        ]
    }

    private func alterRules(_ statement: LintStatement) -> [(LintRule, String)] {
        guard statement.starts(with: ["ALTER", "TABLE"]), let table = statement.name(after: "TABLE") else { return [] }
        let existing = !createdTables.contains(table)
        var found: [(LintRule, String)] = []
        let actions = Self.actions(of: statement)
        for action in actions {
            let words = action.map(\.text)
            let topWords = action.filter { $0.depth == 0 }.map(\.text)
            if topWords.contains("RENAME") {
                found.append((.dropOrRename, "renaming in \(table) breaks every binary that uses the old name"))
            }
            if topWords.first == "DROP" {
                found.append((.dropOrRename, "dropping from \(table) breaks every binary that still uses it"))
            }
            if topWords.first == "ADD" && !topWords.contains("CONSTRAINT") && !["PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
                .contains(topWords.dropFirst().first ?? "")
            {
                found += addColumnRules(topWords, table: table)
            }
            if dialect == .postgres && existing {
                if topWords.first == "ADD" && (topWords.contains("CHECK") || topWords.contains("FOREIGN")),
                    !Self.containsSequence(topWords, ["NOT", "VALID"])
                {
                    found.append(
                        (
                            .constraintNotValid,
                            "a CHECK or FOREIGN KEY added to existing table \(table) is validated under a lock "
                                + "against every row"
                        ))
                }
                if topWords.first == "ADD" && topWords.contains("UNIQUE") {
                    found.append(
                        (
                            .uniqueOnExistingTable,
                            "a UNIQUE constraint added to existing table \(table) builds its index under ACCESS "
                                + "EXCLUSIVE"
                        ))
                }
                if topWords.first == "ALTER" && Self.containsSequence(topWords, ["SET", "NOT", "NULL"]) {
                    found.append(
                        (
                            .constraintNotValid,
                            "SET NOT NULL on existing table \(table) scans every row under ACCESS EXCLUSIVE"
                        ))
                }
                if topWords.first == "ALTER" && (topWords.contains("TYPE") || Self.containsSequence(words, ["DATA", "TYPE"]))
                {
                    found.append(
                        (.columnTypeChange, "changing a column's type in \(table) rewrites the table under a lock"))
                }
            }
            if dialect == .sqlite {
                let first = topWords.first ?? ""
                let supported =
                    first == "RENAME" || (first == "DROP" && topWords.dropFirst().first != "CONSTRAINT")
                    || (first == "ADD" && !topWords.contains("CONSTRAINT"))
                if !supported || (first == "ADD" && ["PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].contains(
                    topWords.dropFirst().first ?? ""))
                {
                    found.append((.sqliteUnsupportedAlter, "SQLite cannot ALTER TABLE … \(first) this way"))
                }
            }
        }
        return found
    }

    private func addColumnRules(_ words: [String], table: String) -> [(LintRule, String)] {
        var found: [(LintRule, String)] = []
        let hasDefault = words.contains("DEFAULT")
        if Self.containsSequence(words, ["NOT", "NULL"]) && !hasDefault {
            found.append(
                (
                    .notNullWithoutDefault,
                    "a NOT NULL column without a DEFAULT cannot be added to a table with rows, and older writers "
                        + "leave it empty"
                ))
        }
        if dialect == .sqlite, let index = words.firstIndex(of: "DEFAULT"), index + 1 < words.count {
            let value = words[index + 1]
            if value == "(" || ["CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"].contains(value) {
                found.append((.sqliteNonConstantDefault, "SQLite refuses a non-constant DEFAULT in ADD COLUMN"))
            }
        }
        return found
    }

    private func writeRules(_ statement: LintStatement, hasDDL: Bool) -> [(LintRule, String)] {
        let top = statement.topLevel
        guard hasDDL, kind != .backfill, top.first == "UPDATE" || top.starts(with: ["DELETE", "FROM"]),
            !statement.hasTopLevel("WHERE")
        else { return [] }
        let table = top.first == "UPDATE" ? statement.name(after: "UPDATE") : statement.name(after: "FROM")
        return [
            (
                .fullTableWrite,
                "\(top.first ?? "") of every row of \(table ?? "a table") in the DDL's transaction holds its locks "
                    + "until the last row is written"
            )
        ]
    }

    // MARK: - Helpers

    /// The comma-separated actions of an `ALTER TABLE name …`, top level only.
    static func actions(of statement: LintStatement) -> [[LintStatement.Word]] {
        let words = statement.words
        guard let tableIndex = words.firstIndex(where: { $0.depth == 0 && $0.text == "TABLE" }) else { return [] }
        var index = tableIndex + 1
        while index < words.count, ["IF", "EXISTS", "ONLY"].contains(words[index].text) { index += 1 }
        index += 1  // the table's name
        var actions: [[LintStatement.Word]] = [[]]
        while index < words.count {
            let word = words[index]
            if word.depth == 0 && word.text == "," {
                actions.append([])
            } else {
                actions[actions.count - 1].append(word)
            }
            index += 1
        }
        return actions.filter { !$0.isEmpty }
    }

    static func containsSequence(_ words: [String], _ sequence: [String]) -> Bool {
        guard words.count >= sequence.count else { return false }
        return (0...(words.count - sequence.count)).contains { Array(words[$0..<($0 + sequence.count)]) == sequence }
    }

    /// ALTER TABLE, DROP TABLE, TRUNCATE, LOCK TABLE, REINDEX, VACUUM FULL and CLUSTER take ACCESS EXCLUSIVE on a
    /// table that existed before this migration.
    static func takesAccessExclusive(_ statement: LintStatement, _ created: Set<String>) -> Bool {
        let top = statement.topLevel
        if top.starts(with: ["ALTER", "TABLE"]) {
            return !created.contains(statement.name(after: "TABLE") ?? "")
        }
        return top.starts(with: ["DROP", "TABLE"]) || top.first == "TRUNCATE" || top.starts(with: ["LOCK", "TABLE"])
            || (top.first == "REINDEX" && !top.contains("CONCURRENTLY")) || top.starts(with: ["VACUUM", "FULL"])
            || top.first == "CLUSTER"
    }

    /// An `ALTER TABLE … ADD COLUMN` of a nullable column with no default, or a constant one: a catalog change
    /// that takes its lock only for an instant, so following another ALTER costs nothing more.
    static func isMetadataOnlyAlter(_ statement: LintStatement) -> Bool {
        guard statement.starts(with: ["ALTER", "TABLE"]) else { return false }
        return actions(of: statement).allSatisfy { action in
            let words = action.filter { $0.depth == 0 }.map(\.text)
            guard words.first == "ADD", !words.contains("CONSTRAINT"), !words.contains("UNIQUE"),
                !words.contains("CHECK"), !words.contains("REFERENCES")
            else { return false }
            // Since PostgreSQL 11 a constant default is stored in the catalog, NOT NULL or not; without one, NOT
            // NULL scans the table (and fails on rows), which not-null-without-default reports.
            guard let index = words.firstIndex(of: "DEFAULT") else { return !containsSequence(words, ["NOT", "NULL"]) }
            return index + 1 < words.count && words[index + 1] != "("
        }
    }
}
