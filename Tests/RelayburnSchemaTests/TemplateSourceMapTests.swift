import RelayburnSchema
import Testing

@Suite("Template source maps")
struct TemplateSourceMapTests {
    private func lookups(_ statement: RenderedStatement, _ offsets: [Int]) -> [String] {
        offsets.map { statement.sourceMap.location(ofUTF8Offset: $0)?.description ?? "nil" }
    }

    @Test func literalTextAdvancesAndExpansionsPointAtTheirPlaceholder() throws {
        // Template: "SELECT " is 1:1-7, {{BIGINT}} is 1:8-17, " FROM t" 1:18-24, "\n" 1:25, ":id" at 2:12.
        let statement = try TemplateFixtures.render("SELECT {{BIGINT}} FROM t\nWHERE id = :id", .sqlite)
        #expect(statement.sql == "SELECT INTEGER FROM t\nWHERE id = ?1")
        let file = "migrations/0001_x.sql"
        #expect(
            lookups(statement, [0, 6, 7, 13, 14, 20, 21, 22, 32, 33, 34, 35, 36, -1])
                == [
                    "\(file):1:1", "\(file):1:7", "\(file):1:8", "\(file):1:8", "\(file):1:18", "\(file):1:24",
                    "\(file):1:25", "\(file):2:1", "\(file):2:11", "\(file):2:12", "\(file):2:12", "\(file):2:12",
                    "nil", "nil",
                ])
    }

    @Test func macroArgumentsKeepTheirOwnLocations() throws {
        // "SELECT {{greatest(" is 18 characters, so `col` starts at column 19 and `2` is at column 24.
        let statement = try TemplateFixtures.render("SELECT {{greatest(col, 2)}}", .sqlite)
        #expect(statement.sql == "SELECT max(col, 2)")
        let file = "migrations/0001_x.sql"
        #expect(
            lookups(statement, [7, 10, 11, 12, 13, 14, 15, 16, 17])
                == [
                    "\(file):1:8", "\(file):1:8", "\(file):1:19", "\(file):1:20", "\(file):1:21", "\(file):1:8",
                    "\(file):1:8", "\(file):1:24", "\(file):1:8",
                ])
    }

    @Test func nestedExpansionsPointAtTheOutermostPlaceholder() throws {
        let statement = try TemplateFixtures.render("x {{NOW}}", .postgres)
        #expect(statement.sql == "x now()")
        #expect(lookups(statement, [2, 6]) == ["migrations/0001_x.sql:1:3", "migrations/0001_x.sql:1:3"])
    }

    @Test func columnsCountCharactersAndLinesFollowLF() throws {
        // "é" is two UTF-8 bytes (offsets 8 and 9) but one column.
        let statement = try TemplateFixtures.render("SELECT 'é', {{BIGINT}}\r\nb", .sqlite)
        #expect(statement.sql == "SELECT 'é', INTEGER\r\nb")
        let file = "migrations/0001_x.sql"
        #expect(
            lookups(statement, [8, 9, 10, 13, 20, 21, 22])
                == [
                    "\(file):1:9", "\(file):1:9", "\(file):1:10", "\(file):1:13", "\(file):1:23", "\(file):1:24",
                    "\(file):2:1",
                ])
    }

    @Test func parametersMapToTheirName() throws {
        let statement = try TemplateFixtures.render("a = :first,\n  b = :second", .postgres)
        #expect(statement.sql == "a = $1,\n  b = $2")
        let file = "migrations/0001_x.sql"
        #expect(
            lookups(statement, [4, 5, 6, 7, 14, 15])
                == ["\(file):1:5", "\(file):1:5", "\(file):1:11", "\(file):1:12", "\(file):2:7", "\(file):2:7"])
    }

    @Test func emptyOutputHasNoLocations() throws {
        let statement = try TemplateFixtures.render("{{EMPTY}}", .sqlite)
        #expect(statement.sql.isEmpty)
        #expect(statement.sourceMap.location(ofUTF8Offset: 0) == nil)
    }
}
