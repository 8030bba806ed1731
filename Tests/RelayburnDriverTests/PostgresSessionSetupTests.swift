import RelayburnSchema
import RelayburnTestSupport
import Testing

@testable import RelayburnPostgres

/// The session settings of templates/session/configure_postgres.sql, sent as startup options after the user's own.
@Suite struct PostgresSessionSetupTests {
    private let none: (String) -> String? = { _ in nil }

    private func setup() throws -> PostgresSessionSetup {
        try PostgresSessionSetup(script: SchemaCatalog.embedded.statement("session/configure_postgres", for: .postgres))
    }

    @Test func theTemplateBecomesStartupOptions() throws {
        #expect(try setup().startupOptions == "-c client_connection_check_interval=250 -c client_min_messages=warning")
    }

    @Test func onlyPlainSetLinesAreAccepted() {
        for sql in ["SET a = 'x y';", "SELECT 1;", "SET a TO b;", "SET a = b", "SET a = b c;", "SET A = b;"] {
            #expect(throws: TemplateError.self, "\(sql)") {
                try PostgresSessionSetup(script: RenderedStatement(unsafeSQL: "-- comment\n\n" + sql))
            }
        }
    }

    @Test func theUsersOwnOptionsComeFirstAndOursWin() throws {
        let setup = try setup()
        let ours = setup.startupOptions
        #expect(setup.options(for: "postgresql://h/db", environment: none) == ours)
        #expect(
            setup.options(for: "postgresql://h/db?options=-c%20work_mem%3D5MB", environment: none) == "-c work_mem=5MB "
                + ours)
        #expect(setup.options(for: "host=h options='-c work_mem=5MB'", environment: none) == "-c work_mem=5MB " + ours)
        // PGOPTIONS counts only when the string has no options of its own, as in libpq.
        let environment: (String) -> String? = { $0 == "PGOPTIONS" ? "-c geqo=off" : nil }
        #expect(setup.options(for: "postgresql://h/db", environment: environment) == "-c geqo=off " + ours)
        #expect(
            setup.options(for: "host=h options=-cwork_mem=5MB", environment: environment) == "-cwork_mem=5MB " + ours)
        #expect(setup.options(for: "mydb", environment: environment) == "-c geqo=off " + ours)
    }

    /// A service file may hold `options` that only libpq reads: such sessions run the script after connecting.
    @Test func aNamedServiceRunsTheScriptInstead() throws {
        let setup = try setup()
        #expect(setup.options(for: "service=relayburn", environment: none) == nil)
        #expect(setup.options(for: "postgresql://h/db?service=relayburn", environment: none) == nil)
        #expect(setup.options(for: "postgresql://h/db", environment: { $0 == "PGSERVICE" ? "relayburn" : nil }) == nil)
        // The string's own options win over a service's, so they are merged as usual.
        #expect(
            setup.options(for: "service=relayburn options=-cgeqo=off", environment: none) == "-cgeqo=off "
                + setup.startupOptions)
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func sessionsHaveTheSettingsAndKeepTheUsersOwn() async throws {
        let database = try await TestDatabase.make(.postgres)
        let url = try #require(database.postgresURL)
        let separator = url.contains("?") ? "&" : "?"
        let session = try await PostgresDatabase.connect(
            conninfo: url + separator + "options=-c%20statement_timeout%3D4321")
        let rows = try await session.run { connection in
            try connection.query(
                RenderedStatement(
                    unsafeSQL: "SELECT current_setting('client_connection_check_interval'), "
                        + "current_setting('client_min_messages'), current_setting('statement_timeout')"))
        }
        #expect(rows.first?.map(\.textValue) == ["250ms", "warning", "4321ms"])
    }
}
