import RelayburnSchema
import Testing

@Suite("Template rendering")
struct TemplateRenderingTests {
    @Test func goldenStatementPerDialect() throws {
        let template = """
            CREATE TABLE t (
                id {{BIGINT}} PRIMARY KEY,
                doc TEXT
            ){{ STRICT }};
            SELECT {{greatest(a, :b)}}, {{json_text(doc, 'k')}} FROM t WHERE id = :id AND b = :b;
            """
        let sqlite = try TemplateFixtures.render(template, .sqlite)
        #expect(
            sqlite.sql == """
                CREATE TABLE t (
                    id INTEGER PRIMARY KEY,
                    doc TEXT
                )STRICT;
                SELECT max(a, ?1), json_extract(doc, '$.' || 'k') FROM t WHERE id = ?2 AND b = ?1;
                """)
        #expect(sqlite.parameters == ["b", "id"])
        #expect(sqlite.name == "0001_x")

        let postgres = try TemplateFixtures.render(template, .postgres)
        #expect(
            postgres.sql == """
                CREATE TABLE t (
                    id BIGINT PRIMARY KEY,
                    doc TEXT
                );
                SELECT GREATEST(a, $1), (doc ->> 'k') FROM t WHERE id = $2 AND b = $1;
                """)
        #expect(postgres.parameters == ["b", "id"])
    }

    @Test(arguments: [
        ("{{BIGINT}}", "INTEGER", "BIGINT"),
        ("{{ BIGINT }}", "INTEGER", "BIGINT"),
        ("{{\tBIGINT\n}}", "INTEGER", "BIGINT"),
        ("[{{EMPTY}}]", "[]", "[]"),
        ("{{NOW}}", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "now()"),
        ("{{ now() }}", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "now()"),
        ("{{now( )}}", "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "now()"),
        ("'{{JSON_PREFIX}}name'", "'$.name'", "'$.name'"),
        ("-- {{BIGINT}}\n/* {{BIGINT}} */", "-- INTEGER\n/* INTEGER */", "-- BIGINT\n/* BIGINT */"),
        ("{{greatest(coalesce(a, b), 'x,y')}}", "max(coalesce(a, b), 'x,y')", "GREATEST(coalesce(a, b), 'x,y')"),
        ("{{greatest(\"a,b\", 'it''s, (')}}", "max(\"a,b\", 'it''s, (')", "GREATEST(\"a,b\", 'it''s, (')"),
        (
            "{{greatest( {{BIGINT}} , {{greatest(1,2)}} )}}", "max(INTEGER, max(1, 2))",
            "GREATEST(BIGINT, GREATEST(1, 2))"
        ),
        ("{{wrap({{wrap({{wrap(x)}})}})}}", "(((x)))", "(((x)))"),
        ("{{greatest(a,)}}", "max(a, )", "GREATEST(a, )"),
        ("{{shadow(x)}} {{BIGINT}}", "<x> INTEGER", "<x> BIGINT"),
        (
            "{{json_text(d, {{greatest('a', 'b')}})}}", "json_extract(d, '$.' || max('a', 'b'))",
            "(d ->> GREATEST('a', 'b'))"
        ),
        ("{ } }} {x} {{BIGINT}}}", "{ } }} {x} INTEGER}", "{ } }} {x} BIGINT}"),
        ("'{\"a\":{\"b\":1}}'", "'{\"a\":{\"b\":1}}'", "'{\"a\":{\"b\":1}}'"),
        ("café {{BIGINT}} ü", "café INTEGER ü", "café BIGINT ü"),
    ])
    func constructRendersPerDialect(template: String, sqlite: String, postgres: String) throws {
        #expect(try TemplateFixtures.render(template, .sqlite).sql == sqlite)
        #expect(try TemplateFixtures.render(template, .postgres).sql == postgres)
    }

    @Test func dialectBlocksSelectOneBranch() throws {
        let template = "a{{#if sqlite}}S{{#else}}P{{/if}}b{{#if postgres}}only-pg{{/if}}c"
        #expect(try TemplateFixtures.render(template, .sqlite).sql == "aSbc")
        #expect(try TemplateFixtures.render(template, .postgres).sql == "aPbonly-pgc")
    }

    @Test func nestedBlocks() throws {
        let template =
            "{{#if sqlite}}A{{#if postgres}}B{{#else}}C{{#if sqlite}}D{{/if}}{{/if}}"
            + "{{#else}}E{{#if postgres}}F{{/if}}{{/if}}"
        #expect(try TemplateFixtures.render(template, .sqlite).sql == "ACD")
        #expect(try TemplateFixtures.render(template, .postgres).sql == "EF")
    }

    @Test func otherDialectBranchMayUseNamesOnlyThatDialectDefines() throws {
        let template = "x{{#if postgres}}{{PG_ONLY}} {{pg_macro(1, 2, 3)}}{{/if}}y"
        #expect(try TemplateFixtures.render(template, .sqlite).sql == "xy")
        TemplateFixtures.expectRenderError(template, .postgres, .unknownPlaceholder, at: "migrations/0001_x.sql:1:18")
    }

    @Test func blockTagsInsideMacroArguments() throws {
        let template = "{{wrap({{#if sqlite}}s, t{{#else}}p{{/if}})}}"
        #expect(try TemplateFixtures.render(template, .sqlite).sql == "(s, t)")
        #expect(try TemplateFixtures.render(template, .postgres).sql == "(p)")
    }

    @Test func whitespaceCommentsAndLineEndingsPassThrough() throws {
        let template = "SELECT\t1,\r\n  -- note: {{EMPTY}}x\r\n  /* keep */ 2 ;\n\n"
        #expect(
            try TemplateFixtures.render(template, .sqlite).sql == "SELECT\t1,\r\n  -- note: x\r\n  /* keep */ 2 ;\n\n")
    }

    @Test func renderingIsDeterministic() throws {
        let template = "SELECT {{greatest(:a, :b)}}, :c, :a {{#if sqlite}}{{STRICT}}{{/if}}"
        for dialect in SQLDialect.allCases {
            let first = try TemplateFixtures.render(template, dialect)
            for _ in 0..<5 {
                #expect(try TemplateFixtures.render(template, dialect) == first)
            }
        }
    }

    @Test(arguments: [
        ("migrations/0001_initial.sql", "0001_initial"),
        ("templates/append_turns.sql", "append_turns"),
        ("plain.sql", "plain"),
        ("templates/notes.txt", "notes.txt"),
    ])
    func statementNameIsFileNameWithoutExtension(path: String, name: String) throws {
        #expect(try TemplateFixtures.render("SELECT 1", .sqlite, path: path).name == name)
    }

    @Test func unsafeSQLIsAnEscapeHatch() {
        let statement = RenderedStatement(unsafeSQL: "SELECT :a")
        #expect(statement.sql == "SELECT :a")
        #expect(statement.name == "unsafe")
        #expect(statement.parameters.isEmpty)
        #expect(statement.sourceMap.location(ofUTF8Offset: 0) == nil)
        #expect(RenderedStatement(unsafeSQL: "x", name: "probe").name == "probe")
    }
}
