import RelayburnSchema
import Testing

/// Multi-line macros both dialects share (`templates/macros/NAME.sql`), as the ledger queries' filters use.
@Suite("Shared macros")
struct SharedMacroTests {
    /// The embedded dialect files plus the given extra files.
    private func catalog(_ extra: [TemplateSource]) throws -> SchemaCatalog {
        let dialects = SchemaCatalog.embeddedFiles.filter { $0.path.hasPrefix("templates/dialects/") }
        return try SchemaCatalog(files: dialects + extra)
    }

    private let filters = TemplateSource(
        path: "templates/macros/filters.sql",
        text: """
            -- Two filters on the record aliased {{r}}.
            macro filters(r) =
            ({{r}}.ts >= :since)
              AND {{r}}.n = CAST(:n AS {{BIGINT}})

            """)

    @Test func aSharedMacroRendersItsLinesInEveryDialect() throws {
        let query = TemplateSource(path: "templates/q.sql", text: "SELECT 1 FROM t AS x WHERE {{filters(x)}} LIMIT 1")
        let catalog = try catalog([filters, query])
        let sqlite = try catalog.statement("q", for: .sqlite)
        #expect(sqlite.sql == "SELECT 1 FROM t AS x WHERE (x.ts >= ?1)\n  AND x.n = CAST(?2 AS INTEGER) LIMIT 1")
        #expect(sqlite.parameters == ["since", "n"])
        let postgres = try catalog.statement("q", for: .postgres)
        #expect(postgres.sql == "SELECT 1 FROM t AS x WHERE (x.ts >= $1)\n  AND x.n = CAST($2 AS BIGINT) LIMIT 1")
    }

    @Test func anErrorInTheBodyNamesTheMacroFileLineAndColumn() throws {
        let broken = TemplateSource(
            path: "templates/macros/broken.sql", text: "-- comment\nmacro broken(r) =\n{{r}}.a = 1\n  AND {{nope}}\n")
        let query = TemplateSource(path: "templates/q.sql", text: "SELECT {{broken(x)}}")
        let catalog = try catalog([broken, query])
        let error = try #require(throws: TemplateError.self) { try catalog.statement("q", for: .sqlite) }
        #expect(error.code == .unknownPlaceholder)
        #expect(error.location.description == "templates/macros/broken.sql:4:7")
    }

    @Test func theDeclarationMustNameTheFile() throws {
        let misnamed = TemplateSource(path: "templates/macros/one.sql", text: "macro two(r) =\n{{r}}\n")
        let error = try #require(throws: TemplateError.self) { try catalog([misnamed]) }
        #expect(error.code == .invalidSyntax)
        #expect(error.location.description == "templates/macros/one.sql:1:1")
        #expect(error.description.contains("templates/macros/two.sql"))
    }

    @Test func aMalformedOrMissingDeclarationIsRefused() throws {
        for text in ["-- only a comment\n", "macro m(r) = inline body\n", "macro m(r\nx\n", "m(r) =\nx\n"] {
            let source = TemplateSource(path: "templates/macros/m.sql", text: text)
            let error = try #require(throws: TemplateError.self) { try catalog([source]) }
            #expect(error.code == .invalidSyntax, "\(text)")
        }
        let repeated = TemplateSource(path: "templates/macros/m.sql", text: "macro m(r, r) =\nx\n")
        let error = try #require(throws: TemplateError.self) { try catalog([repeated]) }
        #expect(error.code == .duplicateDefinition)
        #expect(error.location.description == "templates/macros/m.sql:1:12")
    }

    @Test func aSharedMacroMayNotReuseADialectName() throws {
        let clash = TemplateSource(path: "templates/macros/greatest.sql", text: "macro greatest(a, b) =\n{{a}}\n")
        let error = try #require(throws: TemplateError.self) { try catalog([clash]) }
        #expect(error.code == .duplicateDefinition)
        #expect(error.location.description == "templates/macros/greatest.sql:1:1")
    }
}
