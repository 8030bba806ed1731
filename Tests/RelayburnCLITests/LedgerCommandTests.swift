import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `import`, `query`, `summary` and `stamp` as users run them, on real SQLite files and real processes.
    @Suite struct LedgerCommandTests {
        @Test func importCountsEveryLineKindAndReimportAppendsNothing() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            let first = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--json", "--store", store])
            #expect(first.status == 0, "\(first.stderr)")
            let expectedFirst =
                #"{"file":"\#(LedgerFiles.fixture)","lines":14,"blankLines":1,"normalized":0,"kinds":{"turn":{"seen":5,"new":4},"compaction":{"seen":1,"new":1},"relationship":{"seen":1,"new":1},"tool_result_event":{"seen":1,"new":1},"user_turn":{"seen":1,"new":1},"stamp":{"seen":2,"new":1}},"rejected":[{"line":11,"reason":"invalid JSON at line 1, column 78 (byte 77): expected ',' or '}'"},{"line":14,"reason":"record 14 (turn): usage.output is required (a non-negative integer) but missing"}]}"#
            #expect(first.stdout == expectedFirst + "\n")
            let second = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--json", "--store", store])
            #expect(second.stdout.contains(#""turn":{"seen":5,"new":0}"#))
            #expect(second.stdout.contains(#""stamp":{"seen":2,"new":0}"#))
            let text = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", store])
            #expect(text.stdout.contains("  turn: 0 new, 5 already present\n"))
            #expect(text.stdout.contains("\(LedgerFiles.fixture):11: invalid JSON"))
        }

        @Test func earlyOneXToolResultEventsImportAsOneXReadsThem() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            let file = LedgerFiles.fixture.replacing("ledger-1x.jsonl", with: "ledger-1x-legacy-events.jsonl")
            let first = try RelayburnProcess.run(["import", file, "--json", "--store", store])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(
                first.stdout
                    == #"{"file":"\#(file)","lines":5,"blankLines":0,"normalized":3,"kinds":{"turn":{"seen":1,"new":1},"tool_result_event":{"seen":4,"new":4}},"rejected":[]}"#
                    + "\n")
            let events = try RelayburnProcess.run(["query", "tool-result-events", "--store", store])
            let lines = events.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 4, "\(events.stdout)")
            let legacy = try #require(lines.first { $0.contains(#""toolUseId":"tu-a""#) })
            #expect(
                legacy.contains(#""eventSource":"tool_result""#) && legacy.hasSuffix(#","eventIndex":0}"#), "\(legacy)")
            let indexed = try #require(lines.first { $0.contains(#""toolUseId":"tu-c""#) })
            #expect(indexed.contains(#""eventIndex":3"#) && indexed.contains(#""eventSource":"tool_result""#))
            let again = try RelayburnProcess.run(["import", file, "--store", store])
            #expect(again.stdout.contains("  tool_result_event: 0 new, 4 already present\n"), "\(again.stdout)")
            #expect(again.stdout.contains("  normalised lines: 3 (early 1.x tool-result events"), "\(again.stdout)")
        }

        @Test func queryStreamsCanonicalEnrichedTurnsAndSummaryGroupsThem() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            _ = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", store])
            let turns = try RelayburnProcess.run(["query", "turns", "--store", store])
            let lines = turns.stdout.split(separator: "\n")
            // Five turn lines, one duplicate, one fingerprint twin (s-1/msg-1 and s-3/msg-9): three canonical turns.
            #expect(lines.count == 3)
            #expect(lines.allSatisfy { $0.contains(#""enrichment":"#) })
            #expect(
                lines.contains {
                    $0.contains(#""messageId":"msg-2""#)
                        && $0.contains(#""enrichment":{"persona":"reviewer","workflowId":"wf-7"}"#)
                })
            let twins = try RelayburnProcess.run(["query", "turns", "--include-twins", "--store", store])
            #expect(twins.stdout.split(separator: "\n").count == 4)
            let summary = try RelayburnProcess.run(["summary", "--by", "model", "--json", "--store", store])
            #expect(
                summary.stdout
                    == #"{"turns":3,"usage":{"input":2151,"output":862,"reasoning":512,"cacheRead":46210,"cacheCreate5m":1200,"cacheCreate1h":34},"totalCost":0.051983,"cost":{"total":0.051983,"input":0.000315,"output":0.02105,"reasoning":0,"cacheRead":0.022905,"cacheCreate":0.007713},"unpricedTurns":1,"unpricedModels":["gpt-5-codex"],"byModel":[{"model":"claude-opus-4-7","turns":1,"usage":{"input":3,"output":812,"reasoning":0,"cacheRead":45210,"cacheCreate5m":1200,"cacheCreate1h":34},"cost":{"total":0.050633,"input":0.000015,"output":0.0203,"reasoning":0,"cacheRead":0.022605,"cacheCreate":0.007713},"unpricedTurns":0},{"model":"claude-sonnet-4-6","turns":1,"usage":{"input":100,"output":50,"reasoning":0,"cacheRead":1000,"cacheCreate5m":0,"cacheCreate1h":0},"cost":{"total":0.00135,"input":0.0003,"output":0.00075,"reasoning":0,"cacheRead":0.0003,"cacheCreate":0},"unpricedTurns":0},{"model":"gpt-5-codex","turns":1,"usage":{"input":2048,"output":0,"reasoning":512,"cacheRead":0,"cacheCreate5m":0,"cacheCreate1h":0},"cost":{"total":0,"input":0,"output":0,"reasoning":0,"cacheRead":0,"cacheCreate":0},"unpricedTurns":1}]}"#
                    + "\n")
            let filtered = try RelayburnProcess.run(["query", "turns", "--since", "2026-04-21", "--store", store])
            #expect(filtered.stdout.split(separator: "\n").count == 1)
            let badTime = try RelayburnProcess.run(["query", "turns", "--since", "yesterday", "--store", store])
            #expect(badTime.status == 2)
            #expect(badTime.stderr.hasPrefix("relayburn: --since/--until: \"yesterday\" is not a time"))
        }

        @Test func stampLabelsTurnsAndRecordsTheSpawnRelationship() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            _ = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", store])
            let stamp = try RelayburnProcess.run(
                ["stamp", "--session", "s-2", "tier=gold", "parentAgentId=ag-parent", "agentId=ag-1", "--store", store])
            #expect(stamp.status == 0, "\(stamp.stderr)")
            let gold = try RelayburnProcess.run(["query", "turns", "--enrichment", "tier=gold", "--store", store])
            #expect(gold.stdout.split(separator: "\n").count == 1)
            #expect(gold.stdout.contains(#""sessionId":"s-2""#))
            let relationships = try RelayburnProcess.run([
                "query", "relationships", "--session", "ag-parent", "--store", store,
            ])
            #expect(
                relationships.stdout.contains(
                    #""source":"spawn-env","sessionId":"s-2","relatedSessionId":"ag-parent","relationshipType":"subagent""#
                ))
            let usage = try RelayburnProcess.run(["stamp", "--session", "s-2", "--store", store])
            #expect(usage.status == 2)
        }

        /// Two and four imports with overlapping inputs into one store at once (a SQLite file: no SQLITE_BUSY
        /// surfaced; a PostgreSQL database: hosts converging): exactly the union, each record new exactly once, and
        /// the same rows (twins collapsed the same way) as a serial import of the same files.
        @Test(arguments: TestDatabase.enabledDialects, [2, 4])
        func concurrentImportsOfOverlappingFilesStoreTheUnion(dialect: SQLDialect, processes: Int) async throws {
            let store = try await TestDatabase.make(dialect).storeURL
            _ = try RelayburnProcess.run(["migrate", "--store", store])
            let files = try (0..<processes).map { try LedgerFiles.write($0 * 1500..<$0 * 1500 + 3000, twinsEvery: 10) }
            let distinct = (processes - 1) * 1500 + 3000
            let total = distinct + distinct / 10
            let handles = try files.map { try RelayburnProcess.start(["import", $0, "--json", "--store", store]) }
            let results = try handles.map { try $0.wait() }
            for result in results {
                #expect(result.status == 0)
                #expect(result.stderr.isEmpty, "\(result.stderr)")
            }
            let newCounts = results.compactMap { result -> Int? in
                guard let range = result.stdout.range(of: #""new":"#) else { return nil }
                return Int(result.stdout[range.upperBound...].prefix { $0.isNumber })
            }
            #expect(newCounts.reduce(0, +) == total)
            let serial = "sqlite:\(try TemporaryDirectory.make())/serial.sqlite"
            for file in files { _ = try RelayburnProcess.run(["import", file, "--store", serial]) }
            let turns = try RelayburnProcess.run(["query", "turns", "--store", store]).stdout
            #expect(turns.split(separator: "\n").count == distinct)
            #expect(turns == (try RelayburnProcess.run(["query", "turns", "--store", serial]).stdout))
            let twins = try RelayburnProcess.run(["query", "turns", "--include-twins", "--store", store]).stdout
            #expect(twins.split(separator: "\n").count == total)
            #expect(
                twins == (try RelayburnProcess.run(["query", "turns", "--include-twins", "--store", serial]).stdout))
        }

        /// SIGKILL mid-import, then rerun: exactly the rows of an uninterrupted import.
        @Test func killedImportRerunConvergesToTheUninterruptedResult() async throws {
            let directory = try TemporaryDirectory.make()
            let file = try LedgerFiles.write(0..<12_000)
            let killed = "sqlite:\(directory)/killed.sqlite"
            let clean = "sqlite:\(directory)/clean.sqlite"
            _ = try RelayburnProcess.run(["migrate", "--store", killed])
            let handle = try RelayburnProcess.start(["import", file, "--store", killed])
            // Kill once some batches have committed, while the import is still running.
            let deadline = Date().addingTimeInterval(20)
            var partial = 0
            while Date() < deadline {
                let count = try RelayburnProcess.run(["summary", "--json", "--store", killed])
                partial = Int(count.stdout.dropFirst(#"{"turns":"#.count).prefix { $0.isNumber }) ?? 0
                if partial > 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            handle.kill()
            let interrupted = try handle.wait()
            #expect(interrupted.status != 0 || partial == 12_000)
            let rerun = try RelayburnProcess.run(["import", file, "--store", killed])
            #expect(rerun.status == 0)
            _ = try RelayburnProcess.run(["import", file, "--store", clean])
            let left = try RelayburnProcess.run(["query", "turns", "--store", killed])
            let right = try RelayburnProcess.run(["query", "turns", "--store", clean])
            #expect(left.stdout.split(separator: "\n").count == 12_000)
            #expect(left.stdout == right.stdout)
            let summaries = try [killed, clean].map {
                try RelayburnProcess.run(["summary", "--json", "--by", "day", "--store", $0]).stdout
            }
            #expect(summaries[0] == summaries[1])
            try VerifyCommandTests.expectClean(killed)
        }
    }
}
