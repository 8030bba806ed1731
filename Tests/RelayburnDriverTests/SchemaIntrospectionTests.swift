import RelayburnSchema
import RelayburnTestSupport
import Testing

/// What `schema dump --live` and `schema diff` read beyond tables, columns and plain indexes: defaults, partial
/// and expression indexes, INCLUDE columns, foreign keys, CHECKs and views, on each dialect's real catalog.
@Suite struct SchemaIntrospectionTests {
    @Test(arguments: TestDatabase.enabledDialects)
    func defaultsPartialAndExpressionIndexesForeignKeysAndViewsAreRead(dialect: SQLDialect) async throws {
        let database = try await TestDatabase.make(dialect)
        _ = try await database.migrate()
        let before = try await database.liveSchema()
        try await database.execute(
            """
            CREATE TABLE extra_parent (id INTEGER PRIMARY KEY);
            CREATE TABLE extra (n INTEGER NOT NULL DEFAULT 7, parent INTEGER REFERENCES extra_parent (id),
                label TEXT, CONSTRAINT extra_positive CHECK (n > 0));
            CREATE INDEX extra_partial ON extra (n) WHERE label IS NOT NULL;
            CREATE INDEX extra_lower ON extra (lower(label));
            CREATE VIEW extra_view AS SELECT n FROM extra;
            """)
        let after = try await database.liveSchema()
        let text = after.normalizedText
        #expect(text.contains("\nview extra_view\n"), "\(text)")
        let extra = try #require(after.table("extra"))
        #expect(extra.columns.first { $0.name == "n" }?.defaultValue == "7")
        let partial = try #require(extra.indexes.first { $0.name == "extra_partial" })
        #expect(partial.predicate?.contains("label IS NOT NULL") == true, "\(partial)")
        let expression = try #require(extra.indexes.first { $0.name == "extra_lower" })
        #expect(expression.columns == [dialect == .postgres ? "lower(label)" : "(expression)"])
        let foreignKeys = extra.constraints.filter { $0.kind == "foreign key" }
        #expect(foreignKeys.count == 1)
        #expect(foreignKeys.first?.definition.contains("REFERENCES extra_parent") == true, "\(foreignKeys)")
        if dialect == .postgres {
            #expect(extra.constraints.contains { $0.kind == "check" && $0.name == "extra_positive" })
        }

        let lines = SchemaDiff.differences(expected: before, actual: after)
        #expect(lines.contains("unexpected table extra"))
        #expect(lines.contains("unexpected view extra_view"))

        // A changed default and a changed predicate are differences, not silence.
        var changed = after
        let position = try #require(changed.tables.firstIndex { $0.name == "extra" })
        changed.tables[position].columns[0].defaultValue = "8"
        changed.tables[position].indexes = changed.tables[position].indexes.map { index in
            var copy = index
            if copy.name == "extra_partial" { copy.predicate = "label IS NULL" }
            return copy
        }
        let drift = SchemaDiff.differences(expected: changed, actual: after)
        #expect(drift.contains("column extra.n has default 7, expected 8"), "\(drift)")
        #expect(drift.contains { $0.hasPrefix("index extra_partial (n) where ") && $0.hasSuffix("where label IS NULL") })
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func includeColumnsAndTheAccessMethodAreRead() async throws {
        let database = try await TestDatabase.make(.postgres)
        _ = try await database.migrate()
        try await database.execute(
            "CREATE INDEX turns_model_include ON turns (model) INCLUDE (project); "
                + "CREATE INDEX turns_ts_hash ON turns USING hash (ts);")
        let turns = try #require(try await database.liveSchema().table("turns"))
        let include = try #require(turns.indexes.first { $0.name == "turns_model_include" })
        #expect(include.columns == ["model"])
        #expect(include.included == ["project"])
        #expect(include.describe == "index turns_model_include (model) include (project)")
        let hash = try #require(turns.indexes.first { $0.name == "turns_ts_hash" })
        #expect(hash.describe == "index turns_ts_hash using hash (ts)")
    }
}
