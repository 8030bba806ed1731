import RelayburnSchema
import Testing

/// Small inline dialect definitions and helpers shared by the template tests.
enum TemplateFixtures {
    static let sqliteDefinition = """
        -- test dialect for SQLite
        dialect sqlite
        const BIGINT = INTEGER
        const STRICT = STRICT
        const EMPTY =
        const JSON_PREFIX = $.
        const NOW = {{now()}}
        macro now() = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        macro greatest(a, b) = max({{a}}, {{b}})
        macro json_text(doc, key) = json_extract({{doc}}, '$.' || {{key}})
        macro wrap(x) = ({{x}})
        macro shadow(BIGINT) = <{{BIGINT}}>

        only table content_fts*
        only trigger content_fts_*
        only index content_text_search
        """

    static let postgresDefinition = """
        dialect postgres
        const BIGINT = BIGINT
        const STRICT =
        const EMPTY =
        const JSON_PREFIX = $.
        const NOW = {{now()}}
        macro now() = now()
        macro greatest(a, b) = GREATEST({{a}}, {{b}})
        macro json_text(doc, key) = ({{doc}} ->> {{key}})
        macro wrap(x) = ({{x}})
        macro shadow(BIGINT) = <{{BIGINT}}>
        """

    static func definition(_ dialect: SQLDialect) throws -> DialectDefinition {
        switch dialect {
        case .sqlite:
            try DialectDefinition.parse(
                TemplateSource(path: "templates/dialects/sqlite.dialect", text: sqliteDefinition))
        case .postgres:
            try DialectDefinition.parse(
                TemplateSource(path: "templates/dialects/postgres.dialect", text: postgresDefinition))
        }
    }

    static func engine(_ dialect: SQLDialect) throws -> TemplateEngine {
        TemplateEngine(definition: try definition(dialect))
    }

    /// Renders `text` as `migrations/0001_x.sql`.
    static func render(
        _ text: String, _ dialect: SQLDialect, path: String = "migrations/0001_x.sql"
    ) throws -> RenderedStatement {
        try engine(dialect).render(TemplateSource(path: path, text: text))
    }

    /// The error thrown by `body`, or `nil` (recorded as an issue) when it throws none or another type.
    static func templateError(
        sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) -> TemplateError? {
        do {
            try body()
            Issue.record("expected a TemplateError", sourceLocation: sourceLocation)
        } catch let error as TemplateError {
            return error
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// Checks that rendering `text` for `dialect` fails with `code` at `location` ("file:line:col").
    static func expectRenderError(
        _ text: String, _ dialect: SQLDialect, _ code: TemplateError.Code, at location: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let error = templateError(sourceLocation: sourceLocation) { _ = try render(text, dialect) }
        #expect(error?.code == code, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.location.description == location, sourceLocation: sourceLocation)
    }

    /// Checks that parsing a dialect file fails with `code` at `location`.
    static func expectDefinitionError(
        _ text: String, _ code: TemplateError.Code, at location: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let error = templateError(sourceLocation: sourceLocation) {
            _ = try DialectDefinition.parse(TemplateSource(path: "templates/dialects/test.dialect", text: text))
        }
        #expect(error?.code == code, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.location.description == location, sourceLocation: sourceLocation)
    }
}
