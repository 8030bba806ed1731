import RelayburnSchema
import Testing

@Suite("Template errors")
struct TemplateErrorTests {
    private let file = "migrations/0001_x.sql"

    @Test func unknownPlaceholderNamesItAndSaysWhereToDefineIt() throws {
        let error = TemplateFixtures.templateError {
            _ = try TemplateFixtures.render("SELECT 1;\nSELECT {{ FOO }};", .sqlite)
        }
        #expect(error?.code == .unknownPlaceholder)
        #expect(error?.message == "unknown placeholder {{FOO}}")
        #expect(
            error?.description
                == "migrations/0001_x.sql:2:8: unknown placeholder {{FOO}}; define it in "
                + "templates/dialects/sqlite.dialect and templates/dialects/postgres.dialect")
        TemplateFixtures.expectRenderError("x {{nope(1)}}", .postgres, .unknownPlaceholder, at: "\(file):1:3")
        TemplateFixtures.expectRenderError("{{wrap({{NOPE}})}}", .sqlite, .unknownPlaceholder, at: "\(file):1:8")
    }

    @Test func wrongArgumentCount() {
        TemplateFixtures.expectRenderError("SELECT\n  {{greatest(a)}}", .sqlite, .wrongArgumentCount, at: "\(file):2:3")
        TemplateFixtures.expectRenderError(
            "{{greatest(a, f(b, c), d)}}", .postgres, .wrongArgumentCount, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{ now(1) }}", .sqlite, .wrongArgumentCount, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{wrap()}}", .sqlite, .wrongArgumentCount, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("a {{BIGINT(1)}}", .sqlite, .wrongArgumentCount, at: "\(file):1:3")
        TemplateFixtures.expectRenderError("a {{BIGINT()}}", .postgres, .wrongArgumentCount, at: "\(file):1:3")
        let error = TemplateFixtures.templateError { _ = try TemplateFixtures.render("{{greatest(a)}}", .sqlite) }
        #expect(
            error?.description
                == "migrations/0001_x.sql:1:1: macro greatest takes 2 arguments but was given 1; "
                + "call it as {{greatest(a, b)}}")
    }

    @Test func unclosedBlockPointsAtItsOpening() {
        TemplateFixtures.expectRenderError("a\n  {{#if sqlite}}\nb", .sqlite, .unclosedBlock, at: "\(file):2:3")
        TemplateFixtures.expectRenderError(
            "{{#if sqlite}}{{#if postgres}}x{{/if}}", .postgres, .unclosedBlock, at: "\(file):1:1")
        TemplateFixtures.expectRenderError(
            "{{#if sqlite}} {{#if postgres}}x", .sqlite, .unclosedBlock, at: "\(file):1:16")
        TemplateFixtures.expectRenderError("{{wrap({{#if sqlite}}x)}}", .sqlite, .unclosedBlock, at: "\(file):1:8")
    }

    @Test func unexpectedBlockEnd() {
        TemplateFixtures.expectRenderError("x {{/if}}", .sqlite, .unexpectedBlockEnd, at: "\(file):1:3")
        TemplateFixtures.expectRenderError("x\n{{ #else }}", .postgres, .unexpectedBlockEnd, at: "\(file):2:1")
        TemplateFixtures.expectRenderError(
            "{{#if sqlite}}a{{#else}}b{{#else}}c{{/if}}", .sqlite, .unexpectedBlockEnd, at: "\(file):1:26")
        TemplateFixtures.expectRenderError(
            "{{#if sqlite}}a{{/if}}{{/if}}", .sqlite, .unexpectedBlockEnd, at: "\(file):1:23")
    }

    @Test func unknownDialect() {
        TemplateFixtures.expectRenderError("a {{#if mysql}}x{{/if}}", .sqlite, .unknownDialect, at: "\(file):1:3")
        TemplateFixtures.expectRenderError("{{#if SQLite}}x{{/if}}", .postgres, .unknownDialect, at: "\(file):1:1")
    }

    @Test func unterminatedPlaceholder() {
        TemplateFixtures.expectRenderError("SELECT {{FOO", .sqlite, .unterminatedPlaceholder, at: "\(file):1:8")
        TemplateFixtures.expectRenderError("SELECT {{", .sqlite, .unterminatedPlaceholder, at: "\(file):1:8")
        TemplateFixtures.expectRenderError("a\nb {{ FOO } x", .sqlite, .unterminatedPlaceholder, at: "\(file):2:3")
        TemplateFixtures.expectRenderError(
            "{{greatest(a, 'b) }}", .sqlite, .unterminatedPlaceholder, at: "\(file):1:1")
        TemplateFixtures.expectRenderError(
            "{{greatest(a, (b)", .postgres, .unterminatedPlaceholder, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{wrap({{wrap(x)})", .postgres, .unterminatedPlaceholder, at: "\(file):1:8")
        TemplateFixtures.expectRenderError("{{#if sqlite", .sqlite, .unterminatedPlaceholder, at: "\(file):1:1")
        // Unterminated placeholders are found in the branch of the other dialect too.
        TemplateFixtures.expectRenderError(
            "{{#if postgres}}{{BAD{{/if}}", .sqlite, .invalidSyntax, at: "\(file):1:17")
        TemplateFixtures.expectRenderError(
            "{{#if postgres}}\n {{BAD", .sqlite, .unterminatedPlaceholder, at: "\(file):2:2")
    }

    @Test func invalidSyntax() {
        TemplateFixtures.expectRenderError("x {{greatest}}", .sqlite, .invalidSyntax, at: "\(file):1:3")
        TemplateFixtures.expectRenderError("{{ FOO BAR }}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{}}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{ 1 }}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{#elif sqlite}}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{#if}}x{{/if}}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{#if sqlite x}}{{/if}}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectRenderError("{{greatest(a, b}}", .sqlite, .invalidSyntax, at: "\(file):1:1")
        let deep = String(repeating: "{{wrap(", count: 40) + "x" + String(repeating: ")}}", count: 40)
        TemplateFixtures.expectRenderError(deep, .sqlite, .invalidSyntax, at: "\(file):1:225")
    }

    @Test func macroRecursionEndsWithAnError() throws {
        let definition = try DialectDefinition.parse(
            TemplateSource(
                path: "templates/dialects/loop.dialect",
                text: """
                    dialect sqlite
                    const LOOP = x{{LOOP}}
                    const A = {{B}}
                    const B = {{A}}
                    macro f(x) = {{f({{x}})}}
                    const D0 = {{D1}}{{D1}}
                    """
                        + (1..<30).map { "\nconst D\($0) = {{D\($0 + 1)}}{{D\($0 + 1)}}" }.joined() + "\nconst D30 = .")
        )
        let engine = TemplateEngine(definition: definition)
        func error(_ text: String) -> TemplateError? {
            TemplateFixtures.templateError { _ = try engine.render(TemplateSource(path: "t.sql", text: text)) }
        }
        let loop = error("SELECT {{LOOP}}")
        #expect(loop?.code == .macroRecursion)
        #expect(loop?.location.description == "templates/dialects/loop.dialect:2:15")
        #expect(error("{{A}}")?.code == .macroRecursion)
        let macro = error("{{f(1)}}")
        #expect(macro?.code == .macroRecursion)
        #expect(macro?.location.description == "templates/dialects/loop.dialect:5:14")
        // 2^30 expansions would never finish; the expansion budget stops it.
        #expect(error("{{D0}}")?.code == .macroRecursion)
    }

    @Test func codesHaveStableNames() {
        #expect(TemplateError.Code.unknownPlaceholder.description == "unknownPlaceholder")
        #expect(TemplateError.Code.macroRecursion.description == "macroRecursion")
        #expect(TemplateError.Code.unclosedBlock != TemplateError.Code.unexpectedBlockEnd)
    }
}
