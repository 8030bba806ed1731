import RelayburnSchema
import Testing

@Suite("Template parameters")
struct TemplateParameterTests {
    @Test func numberedInOrderOfFirstUseAndReused() throws {
        let template = "INSERT INTO t (a, b, c) VALUES (:alpha, :beta, :alpha) RETURNING :gamma_2"
        let sqlite = try TemplateFixtures.render(template, .sqlite)
        #expect(sqlite.sql == "INSERT INTO t (a, b, c) VALUES (?1, ?2, ?1) RETURNING ?3")
        #expect(sqlite.parameters == ["alpha", "beta", "gamma_2"])
        let postgres = try TemplateFixtures.render(template, .postgres)
        #expect(postgres.sql == "INSERT INTO t (a, b, c) VALUES ($1, $2, $1) RETURNING $3")
        #expect(postgres.parameters == ["alpha", "beta", "gamma_2"])
    }

    @Test func quotedAndCommentedTextIsUntouched() throws {
        let template = """
            SELECT ':a', "x:y", 'it'':s', :p -- :c
            /* :d */ $$ :e $$, $t$ :f $$ :g $t$, x::jsonb, :q::text, a:::r, f(a := 1), ts > :p
            """
        let postgres = try TemplateFixtures.render(template, .postgres)
        #expect(
            postgres.sql == """
                SELECT ':a', "x:y", 'it'':s', $1 -- :c
                /* :d */ $$ :e $$, $t$ :f $$ :g $t$, x::jsonb, $2::text, a::$3, f(a := 1), ts > $1
                """)
        #expect(postgres.parameters == ["p", "q", "r"])
        let sqlite = try TemplateFixtures.render(template, .sqlite)
        #expect(sqlite.parameters == ["p", "q", "r"])
        #expect(sqlite.sql.hasPrefix("SELECT ':a', \"x:y\", 'it'':s', ?1 -- :c\n/* :d */ $$ :e $$"))
    }

    @Test func postgresEscapeStringsAndNestedComments() throws {
        let template = "SELECT E'it\\'s :x', e'\\\\', :y /* outer /* inner */ :z */ :w"
        let postgres = try TemplateFixtures.render(template, .postgres)
        #expect(postgres.sql == "SELECT E'it\\'s :x', e'\\\\', $1 /* outer /* inner */ :z */ $2")
        #expect(postgres.parameters == ["y", "w"])
        // SQLite comments do not nest, so `:z` is code there.
        let sqlite = try TemplateFixtures.render("/* a /* b */ :z */ :w", .sqlite)
        #expect(sqlite.parameters == ["z", "w"])
    }

    @Test func dollarSignsThatDoNotQuote() throws {
        let template = "SELECT a$b$c, :x, $1x, $ :y"
        let postgres = try TemplateFixtures.render(template, .postgres)
        #expect(postgres.sql == "SELECT a$b$c, $1, $1x, $ $2")
        #expect(postgres.parameters == ["x", "y"])
    }

    @Test func unterminatedQuotesSwallowTheRest() throws {
        let statement = try TemplateFixtures.render("SELECT :a, 'open :b", .postgres)
        #expect(statement.sql == "SELECT $1, 'open :b")
        #expect(statement.parameters == ["a"])
    }

    @Test func parametersInsideMacroArgumentsAndConstants() throws {
        let template = "{{greatest(:late, {{wrap(:early)}})}} = :late"
        let sqlite = try TemplateFixtures.render(template, .sqlite)
        #expect(sqlite.sql == "max(?1, (?2)) = ?1")
        #expect(sqlite.parameters == ["late", "early"])
        let postgres = try TemplateFixtures.render(template, .postgres)
        #expect(postgres.sql == "GREATEST($1, ($2)) = $1")
    }

    @Test func quotesOpenedByTheTemplateAndClosedByAConstantStillCount() throws {
        let statement = try TemplateFixtures.render("SELECT '{{JSON_PREFIX}}:notaparam', :real", .postgres)
        #expect(statement.sql == "SELECT '$.:notaparam', $1")
        #expect(statement.parameters == ["real"])
    }

    @Test func manyParametersGetMultiDigitNumbers() throws {
        let template = (1...12).map { ":p\($0)" }.joined(separator: ",")
        let sqlite = try TemplateFixtures.render(template, .sqlite)
        #expect(sqlite.sql == (1...12).map { "?\($0)" }.joined(separator: ","))
        #expect(sqlite.parameters == (1...12).map { "p\($0)" })
    }
}
