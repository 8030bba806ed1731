import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Typed binds and reads round-trip through both drivers; errors carry the database's code and the template
/// location.
@Suite struct DriverBindingTests {
    static let template = TemplateSource(
        path: "tests/binds.sql",
        text: """
            {{#if sqlite}}
            SELECT :text, :integer, :real, :blob, :null, :text
            {{#else}}
            SELECT CAST(:text AS TEXT), CAST(:integer AS BIGINT), CAST(:real AS DOUBLE PRECISION),
                   CAST(:blob AS BYTEA), CAST(:null AS TEXT), CAST(:text AS TEXT)
            {{/if}}
            """)

    @Test(arguments: TestDatabase.enabledDialects)
    func everyValueTypeRoundTrips(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let statement = try SchemaCatalog.embedded.engine(for: dialect).render(Self.template)
        #expect(statement.parameters == ["text", "integer", "real", "blob", "null"])
        let values: [String: SQLValue] = [
            "text": .text("naïve ✓ 'quoted' \\ \"x\""), "integer": .integer(Int64.min + 1), "real": .real(0.1),
            "blob": .blob([0, 1, 0xfe, 0xff, 0x5c]), "null": .null,
        ]
        let bindings = statement.parameters.map { values[$0] ?? .null }
        let rows = try await Self.query(database, statement, bindings)
        #expect(rows == [[values["text"], values["integer"], values["real"], values["blob"], .null, values["text"]].map { $0 ?? .null }])
    }

    @Test(arguments: TestDatabase.enabledDialects)
    func errorsCarryTheDatabaseCodeAndTemplateLocation(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        let statement = try SchemaCatalog.embedded.engine(for: dialect).render(
            TemplateSource(path: "tests/broken.sql", text: "SELECT 1\nFROM no_such_table\nWHERE :x = 1\n"))
        let error = await #expect(throws: DatabaseError.self) { try await Self.query(database, statement, [.integer(1)]) }
        #expect(error?.code == (dialect == .sqlite ? "1" : "42P01"))
        #expect(error?.message.contains("no_such_table") == true)
        #expect(error?.statementName == "broken")
        #expect(error?.location?.file == "tests/broken.sql")
        // PostgreSQL reports the failing token's position; SQLite only that the statement failed.
        #expect(error?.location?.line == (dialect == .sqlite ? 1 : 2))
    }

    private static func query(_ database: TestDatabase, _ statement: RenderedStatement, _ bindings: [SQLValue]) async throws -> [[SQLValue]] {
        try await run(try await database.driver(), statement, bindings)
    }

    private static func run(_ driver: some MigrationDriver, _ statement: RenderedStatement, _ bindings: [SQLValue]) async throws -> [[SQLValue]] {
        try await driver.withConnection { try $0.query(statement, bindings: bindings) }
    }
}
