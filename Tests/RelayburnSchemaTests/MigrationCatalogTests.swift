import RelayburnSchema
import Testing

/// The migration set is validated when a catalog is built: names, contiguity, stray files.
@Suite struct MigrationCatalogTests {
    static let dialects = SchemaCatalog.embeddedFiles.filter { $0.path.hasPrefix("templates/dialects/") }

    @Test func strayFileInMigrationsIsRejected() {
        let files = Self.dialects + [TemplateSource(path: "migrations/README.md", text: "notes")]
        let error = #expect(throws: MigrationError.self) { try SchemaCatalog(files: files) }
        #expect(error?.code == .invalidFileName)
        #expect(
            error?.description
                == "migrations/README.md is not a migration file name; name migrations NNNN_snake_name.sql (four "
                + "digits, then lowercase letters, digits and underscores) and keep nothing else in migrations/")
    }

    @Test(arguments: ["migrations/1_x.sql", "migrations/0001-x.sql", "migrations/0001_X.sql", "migrations/0000_x.sql"])
    func badMigrationNamesAreRejected(path: String) {
        let error = #expect(throws: MigrationError.self) {
            try SchemaCatalog(files: Self.dialects + [TemplateSource(path: path, text: "SELECT 1;")])
        }
        #expect(error?.code == .invalidFileName)
    }

    @Test func missingVersionIsRejected() {
        let files =
            Self.dialects + [
                TemplateSource(path: "migrations/0001_a.sql", text: "SELECT 1;"),
                TemplateSource(path: "migrations/0003_c.sql", text: "SELECT 1;"),
            ]
        let error = #expect(throws: MigrationError.self) { try SchemaCatalog(files: files) }
        #expect(error?.code == .invalidMigrationSet)
        #expect(error?.description.contains("version 2 is missing before 0003_c") == true)
    }

    @Test func duplicateVersionIsRejected() {
        let files =
            Self.dialects + [
                TemplateSource(path: "migrations/0001_a.sql", text: "SELECT 1;"),
                TemplateSource(path: "migrations/0001_b.sql", text: "SELECT 2;"),
            ]
        let error = #expect(throws: MigrationError.self) { try SchemaCatalog(files: files) }
        #expect(error?.description.contains("version 1 appears twice") == true)
    }

    @Test func checksumIgnoresLineEndingsButNothingElse() {
        let lf = Checksum.of(templateText: "CREATE TABLE t (x INTEGER);\nSELECT 1;\n")
        #expect(Checksum.of(templateText: "CREATE TABLE t (x INTEGER);\r\nSELECT 1;\r\n") == lf)
        #expect(Checksum.of(templateText: "CREATE TABLE t (x INTEGER);\rSELECT 1;\r") == lf)
        #expect(Checksum.of(templateText: "CREATE TABLE t (x INTEGER);\nSELECT 2;\n") != lf)
        #expect(lf.count == 64)
    }

    @Test func embeddedCatalogHasTheMigrationsOfTheSchema() {
        let catalog = SchemaCatalog.embedded
        #expect(
            catalog.migrations.map(\.label) == [
                "0001_initial", "0002_turn_stop_reason", "0003_tool_result_output_size", "0004_turn_subagent_id",
                "0005_sessions", "0006_content_search", "0007_api_keys", "0008_fleet_census", "0009_lease_expiry",
                "0010_model_prices",
            ])
    }
}
