import RelayburnLedger
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// Every insert template names exactly the columns the adapters bind for its kind, on both dialects: a
/// parameter nobody binds (which would store NULL) or a column no template stores fails here, not in the field.
@Suite struct InsertTemplateParameterTests {
    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func insertTemplatesNameExactlyTheBoundColumns(dialect: SQLDialect) throws {
        let statements = try LedgerStatements(dialect: dialect)
        let records = try ConformanceFixtures.oneOfEveryKind()
        #expect(Set(records.map { type(of: $0).kind }) == Set(RecordKind.allCases))
        for record in records {
            let kind = type(of: record).kind
            let statement = statements.insert(kind)
            let bound = Set(record.storedColumns(writtenAt: "2026-01-01T00:00:00Z").keys)
            let named = Set(statement.parameters)
            #expect(named.subtracting(bound).isEmpty, "\(statement.name) names unbound \(named.subtracting(bound))")
            #expect(bound.subtracting(named).isEmpty, "\(kind) binds unstored \(bound.subtracting(named))")
        }
    }
}

/// The ledger statements render when first used; this renders every one on both dialects, so a template that does
/// not render fails here rather than in the first command that runs it.
@Suite struct LedgerStatementsRenderTests {
    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func everyLedgerStatementRenders(dialect: SQLDialect) throws {
        let statements = try LedgerStatements(dialect: dialect)
        try statements.renderAll()
        #expect(statements.summary.sql.contains("GROUP BY"))
        #expect(statements.export(.turn) == nil && statements.export(.stamp) == nil)
        #expect(statements.export(.content)?.sql.contains("FROM content") == true)
    }

    @Test func aMissingTemplateFailsWhenTheStatementsAreBuilt() throws {
        let files = SchemaCatalog.embeddedFiles.filter { $0.path != "templates/ledger/summary.sql" }
        let catalog = try SchemaCatalog(files: files)
        #expect(throws: MigrationError.self) { try LedgerStatements(dialect: .sqlite, catalog: catalog) }
    }
}
