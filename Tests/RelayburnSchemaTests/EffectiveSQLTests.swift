import RelayburnSchema
import Testing

@Suite("Effective SQL and the accept list")
struct EffectiveSQLTests {
    @Test(arguments: SQLDialect.allCases)
    func commentsAndWhitespaceDoNotCount(_ dialect: SQLDialect) {
        let original = "-- add a column\nALTER TABLE turns ADD COLUMN x TEXT;\nCREATE INDEX turns_x ON turns (x);\n"
        let reworded = """
            /* reworded */ ALTER   TABLE turns
                ADD COLUMN x TEXT ; -- why
            CREATE INDEX turns_x ON turns( x );
            """
        #expect(
            EffectiveSQL.normalized(original, dialect: dialect)
                == "ALTER TABLE turns ADD COLUMN x TEXT;CREATE INDEX turns_x ON turns(x);")
        #expect(EffectiveSQL.checksum(original, dialect: dialect) == EffectiveSQL.checksum(reworded, dialect: dialect))
    }

    @Test(arguments: SQLDialect.allCases)
    func tokensStringsAndCaseCount(_ dialect: SQLDialect) {
        let base = EffectiveSQL.checksum("SELECT 'a  -- b' FROM t", dialect: dialect)
        #expect(EffectiveSQL.normalized("SELECT 'a  -- b' FROM t", dialect: dialect) == "SELECT 'a  -- b' FROM t")
        for changed in [
            "SELECT 'a -- b' FROM t", "SELECT 'a  -- b' FROM u", "select 'a  -- b' FROM t", "SELECT 'a  -- b'FROM t",
        ] {
            #expect(EffectiveSQL.checksum(changed, dialect: dialect) != base, "\(changed)")
        }
        #expect(EffectiveSQL.normalized("SELECT \"a  b\" , x", dialect: dialect) == "SELECT \"a  b\",x")
    }

    @Test func dollarQuotedBodiesAndNestedCommentsFollowPostgreSQL() {
        let body = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 -- kept\n $$ LANGUAGE sql /* a /* b */ c */;"
        #expect(
            EffectiveSQL.normalized(body, dialect: .postgres)
                == "CREATE FUNCTION f()RETURNS int AS $$ SELECT 1 -- kept\n $$ LANGUAGE sql;")
        // SQLite's block comments end at the first */, so " c */" is code there.
        #expect(EffectiveSQL.normalized("a /* b /* c */ d */", dialect: .sqlite) == "a d */")
    }

    @Test func acceptListParsesEntriesAndComments() throws {
        let checksum = String(repeating: "ab", count: 32)
        let list = try ChecksumAcceptList(
            source: TemplateSource(
                path: ChecksumAcceptList.path,
                text: "# header\n\n3 \(checksum) reason=\"fixes a typo in a column comment\"\n"))
        #expect(list.entries.count == 1)
        let entry = try #require(list.entry(version: 3, recorded: checksum))
        #expect(entry.reason == "fixes a typo in a column comment")
        #expect(entry.location.description == "templates/migrations.accept:3:1")
        #expect(list.entry(version: 2, recorded: checksum) == nil)
    }

    @Test func malformedAcceptEntriesNameTheLine() {
        let checksum = String(repeating: "0", count: 64)
        let cases: [(String, String)] = [
            ("3 \(checksum)", "expected a version, a checksum and a reason"),
            ("x \(checksum) reason=\"r\"", "expected a version, a checksum and a reason"),
            ("3 ABC reason=\"r\"", "'ABC' is not a 64-digit lowercase hex SHA-256"),
            ("3 \(checksum) because", "the reason must be written reason=\"…\" and must not be empty"),
            ("3 \(checksum) reason=\"\"", "the reason must be written reason=\"…\" and must not be empty"),
            ("3 \(checksum) reason=\"a\"\n3 \(checksum) reason=\"b\"", "version 3 with this checksum is listed twice"),
        ]
        for (text, problem) in cases {
            let error = #expect(throws: MigrationError.self) {
                _ = try ChecksumAcceptList(source: TemplateSource(path: ChecksumAcceptList.path, text: "# c\n" + text))
            }
            let line = text.contains("\n") ? 3 : 2
            #expect(error?.code == .invalidDeclaration)
            #expect(
                error?.description.hasPrefix("templates/migrations.accept:\(line): \(problem); write VERSION") == true,
                "\(String(describing: error?.description))")
        }
    }

    @Test func theCommittedAcceptListParses() throws {
        let catalog = try SchemaCatalog(files: SchemaCatalog.embeddedFiles)
        #expect(SchemaCatalog.embeddedFiles.contains { $0.path == ChecksumAcceptList.path })
        // Every entry names a released version.
        for entry in catalog.acceptList.entries { #expect(entry.version <= catalog.latestVersion) }
    }
}
