import RelayburnSchema
import Testing

@Suite("Template escapes")
struct TemplateEscapeTests {
    private let file = "migrations/0001_x.sql"

    @Test(arguments: SQLDialect.allCases)
    func fourBracesAreALiteralPairOfBraces(_ dialect: SQLDialect) throws {
        let statement = try TemplateFixtures.render("SELECT '{{{{x}}' || '{{JSON_PREFIX}}' || '}}'", dialect)
        #expect(statement.sql == "SELECT '{{x}}' || '$.' || '}}'")
        // Inside macro arguments and inside the branch of a block too.
        let nested = try TemplateFixtures.render("{{wrap('{{{{')}}{{#if sqlite}}{{{{ {{/if}}", dialect)
        #expect(nested.sql == (dialect == .sqlite ? "('{{'){{ " : "('{{')"))
    }

    @Test func otherRunsOfBracesAreAmbiguous() {
        TemplateFixtures.expectRenderError("SELECT\n x{{{BIGINT}}", .sqlite, .ambiguousEscape, at: "\(file):2:3")
        TemplateFixtures.expectRenderError("a {{{{{", .postgres, .ambiguousEscape, at: "\(file):1:3")
        // A dropped branch is still checked, so a template is refused on both dialects alike.
        TemplateFixtures.expectRenderError(
            "{{#if postgres}}{{{x{{/if}}", .sqlite, .ambiguousEscape, at: "\(file):1:17")
        let error = TemplateFixtures.templateError { _ = try TemplateFixtures.render("{{{", .sqlite) }
        #expect(
            error?.description
                == "\(file):1:1: 3 '{' in a row may be a literal or a placeholder; write {{{{ for a literal {{, "
                + "or put a space between a literal { and a placeholder")
    }

    @Test(arguments: SQLDialect.allCases)
    func backslashColonIsALiteralName(_ dialect: SQLDialect) throws {
        let statement = try TemplateFixtures.render("SELECT a[lo\\:hi], '\\:q', :p, \\:p, x \\: y", dialect)
        let marker = dialect == .sqlite ? "?1" : "$1"
        // Only code loses the backslash: a string keeps its bytes as written.
        #expect(statement.sql == "SELECT a[lo:hi], '\\:q', \(marker), :p, x : y")
        #expect(statement.parameters == ["p"])
    }

    @Test func aParameterGluedToAWordIsAmbiguous() {
        TemplateFixtures.expectRenderError("SELECT a[lo:hi]", .postgres, .ambiguousEscape, at: "\(file):1:12")
        TemplateFixtures.expectRenderError("SELECT 1\n, x::int, 2:n", .sqlite, .ambiguousEscape, at: "\(file):2:12")
        // Found in a constant's expansion, the error points at the template text that produced it.
        TemplateFixtures.expectRenderError("SELECT {{wrap(b:c)}}", .sqlite, .ambiguousEscape, at: "\(file):1:16")
        let error = TemplateFixtures.templateError { _ = try TemplateFixtures.render("SELECT x:y", .sqlite) }
        #expect(
            error?.description
                == "\(file):1:9: ':y' is glued to the word before it, so it may be a parameter or literal text; "
                + "put a space before ':y' for a parameter, or write '\\:y' for the literal text")
        TemplateFixtures.expectRenderError("SELECT 1\\::int", .postgres, .ambiguousEscape, at: "\(file):1:10")
    }

    @Test func theShippedTemplatesUseNeitherAmbiguousForm() throws {
        // Every released migration and statement template still renders: the new refusals break none of them.
        let catalog = try SchemaCatalog(files: SchemaCatalog.embeddedFiles)
        for dialect in SQLDialect.allCases {
            for migration in catalog.migrations { _ = try catalog.render(migration, for: dialect) }
            for name in catalog.statements.keys { _ = try catalog.statement(name, for: dialect) }
        }
    }
}
