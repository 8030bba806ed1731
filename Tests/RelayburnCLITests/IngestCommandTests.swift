import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `relayburn ingest` over the Claude Code fixtures, as a user runs it.
    @Suite struct IngestCommandTests {
        static var fixtures: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("RelayburnIngestTests/Fixtures").path
        }

        /// Sums of the per-fixture counts in expected.json, keyed like the ingest report.
        static func expectedTotals() throws -> [String: Int] {
            let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/expected.json"))
            let expected = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            var totals: [String: Int] = [:]
            for case let fixture as [String: Any] in expected.values {
                guard let counts = fixture["counts"] as? [String: Any] else { continue }
                totals["turn", default: 0] += counts["turns"] as? Int ?? 0
                totals["user_turn", default: 0] += counts["userTurns"] as? Int ?? 0
                totals["tool_result_event", default: 0] += counts["toolResultEvents"] as? Int ?? 0
                totals["compaction", default: 0] += counts["compactions"] as? Int ?? 0
                totals["content", default: 0] += counts["contentRecords"] as? Int ?? 0
                let relationships = counts["relationshipsByType"] as? [String: Int] ?? [:]
                totals["relationship", default: 0] += relationships.values.reduce(0, +)
            }
            return totals
        }

        static func kinds(_ json: String) throws -> [String: [String: Int]] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
            return object["kinds"] as? [String: [String: Int]] ?? [:]
        }

        @Test func ingestStoresEveryFixtureRecordOnceAndRerunAddsNothing() throws {
            let directory = try TemporaryDirectory.make()
            let store = "sqlite:\(directory)/burn.sqlite"
            let environment = ["RELAYBURN_HOME": directory + "/home"]
            // The fixtures are finished sessions, however recent their files' modification times.
            let first = try RelayburnProcess.run(
                ["ingest", Self.fixtures, "--settle-after", "0", "--json", "--store", store], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            let totals = try Self.expectedTotals()
            let kinds = try Self.kinds(first.stdout)
            for (kind, total) in totals where total > 0 {
                #expect(kinds[kind]?["extracted"] == total, "\(kind)")
                #expect(kinds[kind]?["new"] == total, "\(kind)")
            }
            let second = try RelayburnProcess.run(
                ["ingest", Self.fixtures, "--settle-after", "0", "--json", "--store", store], environment: environment)
            #expect(try Self.kinds(second.stdout).isEmpty)
            #expect(second.stdout.hasPrefix(#"{"filesScanned":0,"filesSkipped":5,"filesResumed":0,"parseMs":0,"storeMs":0,"#))
            let turns = try RelayburnProcess.run(["query", "turns", "--include-twins", "--store", store])
            #expect(turns.stdout.split(separator: "\n").count == totals["turn"])
        }

        /// The per-kind "new" counts of a `--json` report.
        static func newCounts(_ json: String) throws -> [String: Int] {
            try kinds(json).compactMapValues { $0["new"] }
        }

        /// A transcript being written (cut mid-line) has its complete part stored; once finished, the next run
        /// resumes where the last one stopped and stores the rest; an unchanged file is not read again. The store
        /// then holds exactly what one ingest of the finished file yields. Cursors live in RELAYBURN_HOME, per store.
        @Test func incrementalRunsResumeCutFilesAndSkipUnchangedOnes() throws {
            let directory = try TemporaryDirectory.make()
            let home = directory + "/home"
            let store = "sqlite:\(directory)/burn.sqlite"
            let full = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/nested-subagent.jsonl"))
            let lines = full.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let transcript = directory + "/nested-subagent.jsonl"
            // All but the last three lines, then half of the next one: a file being written.
            let head = lines.prefix(lines.count - 4).map { Data($0) + Data([UInt8(ascii: "\n")]) }.reduce(Data(), +)
            let cut = head + Data(lines[lines.count - 4].prefix(lines[lines.count - 4].count / 2))
            try cut.write(to: URL(fileURLWithPath: transcript))
            let environment = ["RELAYBURN_HOME": home]
            let first = try RelayburnProcess.run(["ingest", transcript, "--json", "--store", store], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains(#""partialLastLines":[{"file":"\#(transcript)","line":\#(lines.count - 3)}]"#))
            #expect(try Self.newCounts(first.stdout)["turn", default: 0] > 0)
            try full.write(to: URL(fileURLWithPath: transcript))
            let second = try RelayburnProcess.run(["ingest", transcript, "--json", "--store", store], environment: environment)
            #expect(second.stdout.hasPrefix(#"{"filesScanned":1,"filesSkipped":0,"filesResumed":1,"parseMs":"#))
            let third = try RelayburnProcess.run(["ingest", transcript, "--json", "--store", store], environment: environment)
            #expect(third.stdout.hasPrefix(#"{"filesScanned":0,"filesSkipped":1,"filesResumed":0,"parseMs":0,"#))
            // The store now holds exactly what one ingest of the finished file yields, and the two runs together
            // found each record new exactly once.
            let reference = "sqlite:\(directory)/reference.sqlite"
            let whole = try RelayburnProcess.run(
                ["ingest", transcript, "--settle-after", "0", "--json", "--store", reference], environment: ["RELAYBURN_HOME": directory + "/other"])
            for kind in ["turns", "user-turns", "tool-result-events", "relationships", "content"] {
                let left = try RelayburnProcess.run(["query", kind, "--store", store]).stdout
                let right = try RelayburnProcess.run(["query", kind, "--store", reference]).stdout
                #expect(left == right, "\(kind)")
            }
            let firstNew = try Self.newCounts(first.stdout)
            let secondNew = try Self.newCounts(second.stdout)
            for (kind, total) in try Self.newCounts(whole.stdout) {
                #expect(firstNew[kind, default: 0] + secondNew[kind, default: 0] == total, "\(kind)")
            }
        }

        /// Appending an exchange to a finished transcript and re-running extracts only the new records: nothing the
        /// first run stored is read into a record again.
        @Test func appendedLinesAreTheOnlyRecordsOfTheNextRun() throws {
            let directory = try TemporaryDirectory.make()
            let store = "sqlite:\(directory)/burn.sqlite"
            let environment = ["RELAYBURN_HOME": directory + "/home"]
            let transcript = directory + "/11111111-1111-1111-1111-111111111111.jsonl"
            let session = try String(contentsOfFile: Self.fixtures + "/simple-turn.jsonl", encoding: .utf8)
            try session.write(toFile: transcript, atomically: false, encoding: .utf8)
            let first = try RelayburnProcess.run(["ingest", transcript, "--json", "--store", store], environment: environment)
            #expect(try Self.newCounts(first.stdout) == ["turn": 1, "user_turn": 1, "relationship": 1, "content": 2])
            let sessionId = "11111111-1111-1111-1111-111111111111"
            let exchange = [
                #"{"parentUuid":"a-1","isSidechain":false,"type":"user","message":{"role":"user","content":"again"},"uuid":"u-user-2","timestamp":"2026-04-20T00:01:00.000Z","cwd":"/tmp/project","sessionId":"\#(sessionId)","version":"2.1.96"}"#,
                #"{"parentUuid":"u-user-2","isSidechain":false,"message":{"model":"claude-sonnet-4-6","id":"msg_simple_2","type":"message","role":"assistant","content":[{"type":"text","text":"Again!"}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":3}},"type":"assistant","uuid":"a-2","timestamp":"2026-04-20T00:01:01.000Z","cwd":"/tmp/project","sessionId":"\#(sessionId)","version":"2.1.96"}"#,
            ]
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: transcript))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((exchange.joined(separator: "\n") + "\n").utf8))
            try handle.close()
            let second = try RelayburnProcess.run(["ingest", transcript, "--json", "--store", store], environment: environment)
            #expect(second.stdout.hasPrefix(#"{"filesScanned":1,"filesSkipped":0,"filesResumed":1,"#))
            let kinds = try Self.kinds(second.stdout)
            #expect(kinds == ["turn": ["extracted": 1, "new": 1], "user_turn": ["extracted": 1, "new": 1],
                              "content": ["extracted": 2, "new": 2]])
            let userTurns = try RelayburnProcess.run(["query", "user-turns", "--store", store]).stdout
            #expect(userTurns.contains(#""userUuid":"u-user-2""#) && userTurns.contains(#""followingMessageId":"msg_simple_2""#))
        }

        /// Two hosts ingesting overlapping copies of the transcripts into one store at once end with exactly the
        /// records of one serial ingest (compared by counts per kind and by the summary; `sessionPath` names each
        /// host's own copy, so the first writer's path is kept).
        @Test(arguments: TestDatabase.enabledDialects)
        func concurrentHostsConvergeToASerialIngest(dialect: SQLDialect) async throws {
            let directory = try TemporaryDirectory.make()
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasSuffix(".jsonl") }.sorted()
            for (host, slice) in [("a", names.dropLast()), ("b", names.dropFirst())] {
                try FileManager.default.createDirectory(atPath: "\(directory)/\(host)", withIntermediateDirectories: true)
                for name in slice {
                    try FileManager.default.copyItem(atPath: "\(Self.fixtures)/\(name)", toPath: "\(directory)/\(host)/\(name)")
                }
            }
            let shared = try await TestDatabase.make(dialect).storeURL
            _ = try RelayburnProcess.run(["migrate", "--store", shared])
            let hosts = try ["a", "b"].map { host in
                try RelayburnProcess.start(
                    ["ingest", "\(directory)/\(host)", "--settle-after", "0", "--store", shared],
                    environment: ["RELAYBURN_HOME": "\(directory)/home-\(host)"])
            }
            for result in try hosts.map({ try $0.wait() }) { #expect(result.status == 0, "\(result.stderr)") }
            let serial = "sqlite:\(directory)/serial.sqlite"
            _ = try RelayburnProcess.run(["ingest", Self.fixtures, "--settle-after", "0", "--store", serial])
            for kind in ["turns", "user-turns", "tool-result-events", "compactions", "relationships", "content"] {
                let left = try RelayburnProcess.run(["query", kind, "--store", shared]).stdout.split(separator: "\n").count
                let right = try RelayburnProcess.run(["query", kind, "--store", serial]).stdout.split(separator: "\n").count
                #expect(left == right, "\(kind)")
            }
            for grouping in ["model", "session", "day"] {
                let left = try RelayburnProcess.run(["summary", "--by", grouping, "--json", "--store", shared]).stdout
                let right = try RelayburnProcess.run(["summary", "--by", grouping, "--json", "--store", serial]).stdout
                #expect(left == right)
            }
        }

        @Test func nothingToIngestPointsAtTheArgument() throws {
            let home = try TemporaryDirectory.make()
            let result = try RelayburnProcess.run(["ingest", "--store", "memory:"], environment: ["HOME": home])
            #expect(result.status == 1)
            #expect(
                result.stderr == "relayburn: there is nothing to ingest: \(home)/.claude/projects does not exist; pass the "
                    + "transcripts to read, e.g. relayburn ingest /path/to/.claude/projects\n")
            let badMode = try RelayburnProcess.run(["ingest", Self.fixtures, "--content", "some", "--store", "memory:"])
            #expect(badMode.status == 2)
            #expect(badMode.stderr == "relayburn: --content is \"some\"; use full, hash-only or off\n")
        }

        /// Measured output sizes reach their typed columns, not only the stored JSON.
        @Test func outputSizesAreStoredInTheirColumns() throws {
            let directory = try TemporaryDirectory.make()
            let path = directory + "/burn.sqlite"
            let ingest = try RelayburnProcess.run(
                ["ingest", Self.fixtures + "/user-turn-blocks.jsonl", "--store", "sqlite:" + path],
                environment: ["RELAYBURN_HOME": directory + "/home"])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let rows = try RelayburnProcess.runTool(
                "/usr/bin/sqlite3",
                [path, "SELECT output_bytes, output_truncated FROM tool_result_events ORDER BY event_index"], stdin: "")
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/expected.json"))
            let fixture = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["user-turn-blocks.jsonl"]
            let events = (fixture as? [String: Any])?["toolResultEvents"] as? [[String: Any]] ?? []
            let expected = events.map { "\($0["outputBytes"] as? Int ?? -1)|0" }
            #expect(expected.count == 3)
            #expect(rows.stdout.split(separator: "\n").map(String.init) == expected)
        }

        @Test func malformedLinesAreReportedWithFileAndLine() throws {
            let directory = try TemporaryDirectory.make()
            let source = try String(contentsOfFile: Self.fixtures + "/simple-turn.jsonl", encoding: .utf8)
            let broken = directory + "/broken.jsonl"
            try ("{not json\n" + source).write(toFile: broken, atomically: true, encoding: .utf8)
            let result = try RelayburnProcess.run(["ingest", broken, "--store", "memory:"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("  malformed \(broken):1: "))
            #expect(result.stdout.contains("  turn: 1 new, 0 already present"))
        }
    }
}
