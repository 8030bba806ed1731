import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `relayburn verify` on real stores: clean after import, ingest, stamp and copy; each hand-made corruption
    /// found and named, with exit status 1.
    @Suite struct VerifyCommandTests {
        /// A store holding every kind: the 1.x fixture ledger, the Claude Code transcripts and a stamp.
        static func filledStore(_ dialect: SQLDialect) async throws -> TestDatabase {
            let database = try await TestDatabase.make(dialect)
            _ = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", database.storeURL])
            let ingest = try RelayburnProcess.run([
                "ingest", ServerCommandTests.ingestFixtures, "--store", database.storeURL,
            ])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            _ = try RelayburnProcess.run(["stamp", "--session", "s-2", "team=core", "--store", database.storeURL])
            return database
        }

        static func verify(_ store: String) throws -> (status: Int32, report: [String: Any]) {
            let result = try RelayburnProcess.run(["verify", "--json", "--store", store])
            let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
            return (result.status, report)
        }

        /// Expects `store` to verify clean, as every store another test leaves behind should.
        static func expectClean(_ store: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let result = try RelayburnProcess.run(["verify", "--store", store])
            #expect(
                result.status == 0, "verify \(store): \(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        }

        static func problems(_ report: [String: Any]) -> [String] {
            (report["findings"] as? [[String: Any]] ?? []).map { "\($0["table"] ?? "") \($0["problem"] ?? "")" }
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func cleanStoreVerifiesClean(on dialect: SQLDialect) async throws {
            let database = try await Self.filledStore(dialect)
            let (status, report) = try Self.verify(database.storeURL)
            #expect(status == 0, "\(report)")
            #expect(report["clean"] as? Bool == true)
            let checked = report["checked"] as? [String: Int] ?? [:]
            #expect(checked["turns"] ?? 0 > 0 && checked["content"] ?? 0 > 0 && checked["stamps"] == 2, "\(checked)")
            let text = try RelayburnProcess.run(["verify", "--store", database.storeURL])
            #expect(text.status == 0 && text.stdout.contains("clean"), "\(text.stdout)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func handCorruptedRowsAreEachFound(on dialect: SQLDialect) async throws {
            let database = try await Self.filledStore(dialect)
            // A turn whose JSON changed under it (the typed column keeps the old count), a typed column changed
            // under its JSON, a record whose id no longer derives, a deleted rollup row, and JSON that is not JSON.
            try await database.execute(
                """
                UPDATE turns SET record_json = replace(record_json, '"model":"', '"model":"x-')
                WHERE id = (SELECT min(id) FROM turns);
                UPDATE user_turns SET session_id = 'moved' WHERE id = (SELECT min(id) FROM user_turns);
                UPDATE compactions SET id = '0000000000000000' WHERE id = (SELECT min(id) FROM compactions);
                DELETE FROM sessions WHERE session_id = (SELECT max(session_id) FROM sessions);
                UPDATE tool_result_events SET record_json = '{"v":1,' WHERE id = (SELECT min(id) FROM tool_result_events);
                """)
            let before = try await database.rows("SELECT count(*) FROM turns")
            let (status, report) = try Self.verify(database.storeURL)
            #expect(status == 1)
            #expect(report["clean"] as? Bool == false)
            let found = Self.problems(report)
            #expect(
                Set(found)
                    == [
                        "turns column_mismatch", "user_turns column_mismatch", "compactions id_mismatch",
                        "sessions rollup_mismatch", "tool_result_events unparsable",
                    ], "\(found)")
            #expect(report["findingCount"] as? Int == 5)
            // Read-only: the store is as it was.
            #expect(try await database.rows("SELECT count(*) FROM turns") == before)
            let text = try RelayburnProcess.run(["verify", "--store", database.storeURL])
            #expect(text.status == 1)
            #expect(text.stdout.contains("tool_result_events "), "\(text.stdout)")
            #expect(text.stdout.contains(": unparsable: record_json is not JSON: invalid JSON"), "\(text.stdout)")
            #expect(text.stderr.contains("verify found 5 problems in the store"), "\(text.stderr)")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func changedMigrationChecksumIsFound(on dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            _ = try RelayburnProcess.run(["migrate", "--store", database.storeURL])
            // Both checksums: a raw checksum alone that differs while the applied SQL matches is a comment-only edit.
            try await database.execute(
                "UPDATE schema_versions SET checksum = 'feed', sql_checksum = 'feed' WHERE version = 2")
            let result = try RelayburnProcess.run(["verify", "--store", database.storeURL])
            #expect(result.status == 1)
            #expect(result.stdout.contains("schema_versions 0002: checksum_mismatch"), "\(result.stdout)")
            #expect(result.stderr.contains("so the records were not checked"), "\(result.stderr)")
        }

        @Test func httpStoreIsRefusedWithWhereToRunIt() throws {
            let result = try RelayburnProcess.run(["verify", "--store", "http://127.0.0.1:9"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("run it with --store set to the server's sqlite or postgres store"))
        }
    }
}
