import RelayburnSchema
import Testing

@Suite("Template dialect definitions")
struct TemplateDialectDefinitionTests {
    private let file = "templates/dialects/test.dialect"

    @Test func parsesEveryDirective() throws {
        let definition = try TemplateFixtures.definition(.sqlite)
        #expect(definition.dialect == .sqlite)
        #expect(definition.constants["BIGINT"] == "INTEGER")
        #expect(definition.constants["EMPTY"] == "")
        #expect(definition.constants["NOW"] == "{{now()}}")
        let greatest = try #require(definition.macros["greatest"])
        #expect(greatest.name == "greatest")
        #expect(greatest.parameters == ["a", "b"])
        #expect(greatest.body == "max({{a}}, {{b}})")
        #expect(greatest.location.description == "templates/dialects/sqlite.dialect:9:1")
        #expect(definition.macros["now"]?.parameters == [])
        #expect(
            definition.dialectOnlyObjects == [
                .init(kind: "table", name: "content_fts*"), .init(kind: "trigger", name: "content_fts_*"),
                .init(kind: "index", name: "content_text_search"),
            ])
        #expect(definition.isDialectOnly(kind: "table", name: "content_fts_data"))
        #expect(definition.isDialectOnly(kind: "table", name: "content_fts"))
        #expect(!definition.isDialectOnly(kind: "index", name: "content_fts"))
        #expect(definition.isDialectOnly(kind: "index", name: "content_text_search"))
        #expect(!definition.isDialectOnly(kind: "index", name: "content_text_search_2"))
    }

    @Test func toleratesCRLFCommentsAndSpacing() throws {
        let text = "-- comment\r\n\r\n   dialect   postgres  \r\nconst  X=  a b  \r\n\tmacro m ( p ,q )=({{p}}) \r\n"
        let definition = try DialectDefinition.parse(TemplateSource(path: file, text: text))
        #expect(definition.dialect == .postgres)
        #expect(definition.constants == ["X": "a b"])
        #expect(definition.macros["m"]?.parameters == ["p", "q"])
        #expect(definition.macros["m"]?.body == "({{p}})")
    }

    @Test func definitionErrorsPointIntoTheDialectFile() {
        TemplateFixtures.expectDefinitionError("", .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectDefinitionError("-- only comments\n", .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectDefinitionError("-- x\n  const A = 1\ndialect sqlite", .invalidSyntax, at: "\(file):2:3")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nconstant A = 1", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite\n= 1", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nconst A 1", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nmacro f(a, = x", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nmacro f a = x", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nmacro f(a) x", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nonly view v", .invalidSyntax, at: "\(file):2:6")
        TemplateFixtures.expectDefinitionError("dialect sqlite\nonly table a b", .invalidSyntax, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError("dialect sqlite extra", .invalidSyntax, at: "\(file):1:1")
        TemplateFixtures.expectDefinitionError("dialect  mysql", .unknownDialect, at: "\(file):1:10")
        TemplateFixtures.expectDefinitionError(
            "dialect sqlite\ndialect sqlite", .duplicateDefinition, at: "\(file):2:1")
        TemplateFixtures.expectDefinitionError(
            "dialect sqlite\nconst A = 1\nconst  A = 2", .duplicateDefinition, at: "\(file):3:8")
        TemplateFixtures.expectDefinitionError(
            "dialect sqlite\nmacro A() = 1\nconst A = 2", .duplicateDefinition, at: "\(file):3:7")
        TemplateFixtures.expectDefinitionError(
            "dialect sqlite\nmacro f(a, b, a) = 1", .duplicateDefinition, at: "\(file):2:15")
        // Values and bodies are parsed when the file is, so their syntax errors point at the file.
        TemplateFixtures.expectDefinitionError(
            "dialect sqlite\nconst A = x {{B", .unterminatedPlaceholder, at: "\(file):2:13")
        TemplateFixtures.expectDefinitionError(
            "dialect sqlite\nmacro f(a) =  {{#if sqlite}}{{a}}", .unclosedBlock, at: "\(file):2:15")
    }

    @Test func errorsInsideBodiesPointAtTheDialectFile() throws {
        let definition = try DialectDefinition.parse(
            TemplateSource(
                path: file,
                text: "dialect postgres\nconst A = x {{MISSING}}\nmacro g(p) = {{p(1)}}\nmacro h(p) = {{A}}"))
        let engine = TemplateEngine(definition: definition)
        #expect(engine.dialect == .postgres)
        func error(_ text: String) -> TemplateError? {
            TemplateFixtures.templateError { _ = try engine.render(TemplateSource(path: "t.sql", text: text)) }
        }
        #expect(error("{{A}}")?.location.description == "\(file):2:13")
        #expect(error("{{A}}")?.code == .unknownPlaceholder)
        #expect(error("{{h(1)}}")?.location.description == "\(file):2:13")
        #expect(error("{{g(1)}}")?.code == .wrongArgumentCount)
        #expect(error("{{g(1)}}")?.location.description == "\(file):3:14")
    }
}
