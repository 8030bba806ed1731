import ArgumentParser
import RelayburnSchema
import RelayburnStore

/// `relayburn schema diff [--sql [--unsafe]]`: exit 0 when the live schema is what the migrations the store records
/// say; 2 with a list when something is missing or different, 3 when the only differences are objects the
/// migrations do not create.
struct SchemaDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the live store's schema with what its migrations describe; exit 2 on drift.",
        discussion: """
            The expected schema is the one at the store's recorded version, built by applying migrations 1 to \
            that version to a scratch database of the same dialect (an in-memory SQLite database, or a PostgreSQL \
            schema inside a transaction that is rolled back), so nothing is written to the store. Migrations not \
            applied yet are listed as pending, not as missing objects; migrations recorded by a newer relayburn \
            are listed as unknown, and the objects they created show as unexpected. The runner's own tables \
            (schema_versions, schema_checksum_audit) are checked by migrate status, not here.

            --sql prints a script instead, for the dialect's own CLI (sqlite3, psql): for each missing object the \
            statement of the migration that created it (index builds as CREATE INDEX CONCURRENTLY IF NOT EXISTS \
            on PostgreSQL), REINDEX … CONCURRENTLY for an INVALID index, and for objects no migration creates a \
            DROP, commented out unless --unsafe is given. Running the script makes the next diff clean, except for \
            what its comments say no statement fixes.

            Exit status: 0 no drift; 2 drift (something missing or different); 3 only unexpected objects (ones no \
            migration creates, which only dropping them would fix); 1 when the comparison itself failed.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the SQL that repairs the drift instead of a list.")
    var sql = false

    @Flag(help: "With --sql, drop objects no migration creates (otherwise shown as comments).")
    var unsafe = false

    func validate() throws {
        if unsafe && !sql { throw ValidationError("--unsafe only applies with --sql") }
    }

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let (comparison, dialect) = try await context.withDriver { driver in
            (try await Self.compare(driver, appliedBy: context.identity, unsafe: unsafe), driver.dialect)
        }
        let store = context.location.redactedDescription
        let differences = comparison.differences
        let against =
            comparison.version == 0 ? "an empty store (no migration recorded)" : "migrations 1 to \(comparison.version)"
        if sql {
            Console.out(
                "-- relayburn schema diff --sql\(unsafe ? " --unsafe" : "") for \(store) (\(dialect.rawValue)),")
            Console.out("-- against the schema of \(against)")
            for line in comparison.notes { Console.out("-- \(line)") }
            for line in comparison.repair { Console.out(line) }
        } else {
            for line in comparison.notes { Console.out(line) }
            if differences.isEmpty {
                Console.out("no drift: \(store) matches \(against)")
            } else {
                Console.out("drift: \(store) differs from \(against) in \(differences.count) place(s):")
                for difference in differences { Console.out("  \(difference.line)") }
            }
        }
        guard !differences.isEmpty else { return }
        if differences.allSatisfy({ $0.kind == .unexpected }) {
            throw CommandFailure(
                message: "schema drift found: only objects no migration creates; drop them if nothing needs them"
                    + (sql && !unsafe ? " (rerun with --sql --unsafe for the DROP statements)" : ""),
                status: 3)
        }
        throw CommandFailure(message: "schema drift found; see the \(sql ? "script" : "list") above", status: 2)
    }

    /// What the comparison found.
    struct Comparison: Sendable {
        /// The store's version: the schema compared against is that of migrations 1…version.
        var version: Int
        var differences: [SchemaDiff.Difference]
        /// Pending and unknown migrations, and a store without history.
        var notes: [String]
        /// The `--sql` script.
        var repair: [String]
    }

    static func compare(_ driver: some MigrationDriver, appliedBy: String, unsafe: Bool) async throws -> Comparison {
        let catalog = SchemaCatalog.embedded
        let status = try await MigrationRunner(driver: driver, appliedBy: appliedBy).status()
        let recorded = status.filter { $0.state != .pending && $0.state != .unknown }
        let version = recorded.map(\.version).max() ?? 0
        var notes: [String] = []
        if status.allSatisfy({ $0.state == .pending }) {
            notes.append(
                "no migration history: every object shows as unexpected; if the store has relayburn's schema, "
                    + "record it with relayburn migrate baseline --to N")
        } else {
            let pending = status.filter { $0.state == .pending || $0.state == .running || $0.state == .backfilling }
            if !pending.isEmpty {
                notes.append(
                    "pending: "
                        + pending.map { Migration.label(version: $0.version, name: $0.name) }
                        .joined(separator: ", ") + " (relayburn migrate applies them)")
            }
        }
        let unknown = status.filter { $0.state == .unknown }
        if !unknown.isEmpty {
            notes.append(
                "unknown: "
                    + unknown.map { Migration.label(version: $0.version, name: $0.name) }
                    .joined(separator: ", ") + " (applied by a newer relayburn; what they created shows as unexpected)")
        }
        let expected = try await catalog.expectedSchema(using: driver, through: version)
        let actual = try await catalog.liveSchema(using: driver)
        let differences = SchemaDiff.structuredDifferences(expected: expected, actual: actual)
        let repair = try SchemaRepair(
            differences: differences, expected: expected, catalog: catalog, dialect: driver.dialect, through: version,
            unsafe: unsafe)
        return Comparison(version: version, differences: differences, notes: notes, repair: repair.lines)
    }
}
