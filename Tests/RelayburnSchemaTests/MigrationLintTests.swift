import RelayburnSchema
import Testing

/// `relayburn migrate lint`'s rules over rendered migrations: exact findings with file:line:col, the allow escape,
/// and every rule on a migration made to break it.
@Suite struct MigrationLintTests {
    /// The released migrations' findings, exactly: a new migration that breaks a rule changes this list and fails
    /// the suite (released ones are never edited, so theirs stay).
    @Test func theShippedMigrationsHaveExactlyTheirKnownFindings() throws {
        let checked = try SchemaCatalog(files: SchemaCatalog.embeddedFiles)
        let report = try MigrationLinter.lint(checked)
        let found = report.findings.map {
            "\($0.location) \($0.dialect.rawValue) \($0.rule)"
        }
        #expect(
            found == [
                "migrations/0002_turn_stop_reason.sql:5:1 postgres full-table-write",
                "migrations/0002_turn_stop_reason.sql:5:1 postgres pg-work-after-exclusive-lock",
                "migrations/0002_turn_stop_reason.sql:5:1 sqlite full-table-write",
                "migrations/0004_turn_subagent_id.sql:5:1 postgres full-table-write",
                "migrations/0004_turn_subagent_id.sql:5:1 postgres pg-work-after-exclusive-lock",
                "migrations/0004_turn_subagent_id.sql:5:1 sqlite full-table-write",
                "migrations/0004_turn_subagent_id.sql:7:1 postgres pg-index-not-concurrent",
                "migrations/0004_turn_subagent_id.sql:7:1 postgres pg-work-after-exclusive-lock",
                "migrations/0006_content_search.sql:16:1 postgres pg-index-not-concurrent",
            ])
        #expect(report.migrationsChecked == checked.migrations.count)
        #expect(try MigrationLinter.lint(checked, from: 7).findings.isEmpty, "nothing after 0006 is flagged")
    }

    static func lint(_ body: String, directives: String = "", dialect: SQLDialect? = nil) throws -> [LintFinding] {
        var files = SchemaCatalog.embeddedFiles
        let next = SchemaCatalog.embedded.latestVersion + 1
        files.append(
            TemplateSource(path: "migrations/\(Migration.paddedVersion(next))_change.sql", text: directives + body))
        let catalog = try SchemaCatalog(files: files, checkDeclarations: false)
        return try MigrationLinter.lint(catalog, dialects: dialect.map { [$0] } ?? SQLDialect.allCases, from: next)
            .findings
    }

    @Test(arguments: [
        ("CREATE UNIQUE INDEX turns_message ON turns (message_id);\n", "", "pg-unique-on-existing-table"),
        ("ALTER TABLE turns ADD COLUMN region TEXT NOT NULL;\n", "", "not-null-without-default"),
        ("ALTER TABLE turns ADD CONSTRAINT positive CHECK (input_tokens >= 0);\n", "", "pg-constraint-not-valid"),
        ("ALTER TABLE turns ALTER COLUMN model SET NOT NULL;\n", "", "pg-constraint-not-valid"),
        ("ALTER TABLE turns ALTER COLUMN model TYPE BIGINT;\n", "", "pg-column-type-change"),
        ("ALTER TABLE turns DROP COLUMN stop_reason;\n", "", "drop-or-rename"),
        ("ALTER TABLE turns RENAME COLUMN model TO model_name;\n", "", "drop-or-rename"),
        ("DROP INDEX turns_subagent;\n", "", "drop-or-rename"),
        ("ALTER TABLE turns ADD UNIQUE (message_id);\n", "", "pg-unique-on-existing-table"),
        ("CREATE INDEX CONCURRENTLY turns_model_ts ON turns (model, ts);\n", "", "pg-concurrently-in-transaction"),
        ("DELETE FROM stamps;\nCREATE TABLE notes (id TEXT PRIMARY KEY);\n", "", "full-table-write"),
        ("UPDATE turns SET model = :model WHERE id = 'x';\n", "", "parameter-in-migration"),
    ])
    func eachPostgresRuleFlagsTheStatementThatBreaksIt(body: String, directives: String, rule: String) throws {
        let findings = try Self.lint(body, directives: directives, dialect: .postgres)
        let line = directives.isEmpty ? 1 : 2
        #expect(
            findings.contains { $0.rule == rule && $0.location.line == line && $0.location.column == 1 },
            "\(findings.map { "\($0.location) \($0.rule)" })")
        #expect(findings.allSatisfy { !$0.fix.isEmpty && !$0.message.isEmpty })
    }

    @Test(arguments: [
        ("ALTER TABLE turns ALTER COLUMN model SET NOT NULL;\n", "sqlite-unsupported-alter"),
        ("ALTER TABLE turns ADD CONSTRAINT positive CHECK (input_tokens >= 0);\n", "sqlite-unsupported-alter"),
        ("ALTER TABLE turns ADD COLUMN region TEXT NOT NULL;\n", "not-null-without-default"),
        ("ALTER TABLE turns ADD COLUMN seen TEXT DEFAULT CURRENT_TIMESTAMP;\n", "sqlite-non-constant-default"),
        ("ALTER TABLE turns ADD COLUMN seen TEXT DEFAULT (datetime('now'));\n", "sqlite-non-constant-default"),
        ("UPDATE turns SET model = :model WHERE id = 'x';\n", "parameter-in-migration"),
    ])
    func eachSQLiteRuleFlagsTheStatementThatBreaksIt(body: String, rule: String) throws {
        let findings = try Self.lint(body, dialect: .sqlite)
        #expect(findings.map(\.rule).contains(rule), "\(findings.map(\.rule))")
    }

    /// What the rules must leave alone: new tables and their indexes, a guarded concurrent build in a
    /// no-transaction migration, nullable and constant-default columns, and a trigger body's semicolons.
    @Test func safeChangesAreNotFlagged() throws {
        let transactional = try Self.lint(
            """
            CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL);
            CREATE UNIQUE INDEX notes_body ON notes (body);
            ALTER TABLE turns ADD COLUMN region TEXT;
            ALTER TABLE turns ADD COLUMN tier TEXT NOT NULL DEFAULT 'standard';
            {{#if sqlite}}
            CREATE TRIGGER notes_touch AFTER INSERT ON notes BEGIN
                UPDATE notes SET body = 'x; y' WHERE id = new.id;
            END;
            {{/if}}

            """)
        #expect(transactional.isEmpty, "\(transactional.map { "\($0.location) \($0.rule)" })")
        let concurrent = try Self.lint(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS turns_model_ts ON turns (model, ts);\n",
            directives: "-- relayburn: no-transaction\n")
        #expect(concurrent.isEmpty, "\(concurrent.map { "\($0.location) \($0.rule)" })")
    }

    @Test func anAllowLineSilencesOneRuleOnTheNextStatementOnly() throws {
        let findings = try Self.lint(
            """
            -- relayburn: allow pg-index-not-concurrent reason="turns is tiny on every deployment"
            CREATE INDEX turns_model ON turns (model);
            CREATE INDEX turns_ts_model ON turns (ts, model);
            -- relayburn: allow drop-or-rename
            DROP INDEX turns_model;

            """, dialect: .postgres)
        let found = findings.map { "\($0.location.line) \($0.rule)" }
        #expect(
            found == ["3 pg-index-not-concurrent", "4 malformed-allow", "5 drop-or-rename"],
            "an allow with no reason is itself a finding and silences nothing: \(found)")
        let next = SchemaCatalog.embedded.latestVersion + 1
        let report = try MigrationLinter.lint(
            try SchemaCatalog(
                files: SchemaCatalog.embeddedFiles + [
                    TemplateSource(
                        path: "migrations/\(Migration.paddedVersion(next))_allowed.sql",
                        text: "-- relayburn: allow drop-or-rename reason=\"nothing reads it\"\nDROP TABLE stamps;\n")
                ], checkDeclarations: false), dialects: [.postgres], from: next)
        #expect(report.findings.isEmpty)
        #expect(report.allowed.map(\.rule) == ["drop-or-rename"], "silenced findings are still reported as allowed")
    }

    @Test func aBrokenCompatibilityDeclarationIsAFindingWithItsLine() throws {
        let findings = try Self.lint(
            "ALTER TABLE turns ADD COLUMN region TEXT;\nUPDATE turns SET region = 'eu';\n",
            directives: "-- relayburn: compat=additive\n", dialect: .sqlite)
        let compat = findings.first { $0.rule == "compat-declaration" }
        #expect(compat?.location.line == 3, "\(findings.map { "\($0.location) \($0.rule)" })")
        #expect(compat?.message.contains("rewrites existing rows") == true, "\(compat?.message ?? "")")
    }
}
