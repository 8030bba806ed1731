import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// Hostile and broken ledger lines through `relayburn import` on real stores: each refused line is named with
    /// its line and field, SQL in a field is stored as text and never run, and the store verifies clean after.
    @Suite struct BadInputCorpusTests {
        static let injection = #"x'); DROP TABLE turns; --"#

        /// One turn line with `field` replaced by `value` (raw JSON).
        static func turn(_ index: Int, replacing field: String? = nil, with value: String = "") -> String {
            var line = LedgerFiles.turnLine(index)
            if let field, let range = line.range(of: #""\#(field)":"#) {
                let valueEnd = line[range.upperBound...].firstIndex { $0 == "," || $0 == "}" } ?? line.endIndex
                line.replaceSubrange(range.lowerBound..<valueEnd, with: #""\#(field)":\#(value)"#)
            }
            return line
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func hostileLinesAreNamedAndNothingOfThemIsStored(on dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let nested = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
            let lines: [(String, String?)] = [
                (Self.turn(1, replacing: "sessionId", with: #""s\u0000nul""#), "sessionId contains a NUL character"),
                (
                    Self.turn(2, replacing: "input", with: "99999999999999999999"),
                    "usage.input must be a non-negative integer"
                ),
                (Self.turn(3, replacing: "input", with: "9007199254740992"), "usage.input is larger than"),
                (Self.turn(4, replacing: "turnIndex", with: #""0""#), "turnIndex must be a non-negative integer"),
                (Self.turn(5, replacing: "toolCalls", with: nested), "nest deeper than 512 levels"),
                (String(Self.turn(6).prefix(80)), "invalid JSON"),
                (#"{"v":1,"kind":"turn","record":{"v":1}}"#, "is required"),
                (
                    Self.turn(7, replacing: "sessionId", with: "\"\(Self.injection)\"")
                        .replacingOccurrences(of: #""/tmp/p2""#, with: #""' OR 1=1; --""#), nil
                ),
            ]
            let directory = try TemporaryDirectory.make()
            let path = directory + "/hostile.jsonl"
            var bytes = Data(lines.map(\.0).joined(separator: "\n").utf8)
            // Invalid UTF-8 inside a string, as its own line.
            bytes.append(contentsOf: Array("\n".utf8) + Array(#"{"v":1,"kind":"turn","record":{"v":1,"source":""#.utf8))
            bytes.append(contentsOf: [0xC3, 0x28, 0xFF])
            bytes.append(contentsOf: Array("\"}}\n".utf8))
            try bytes.write(to: URL(fileURLWithPath: path))
            let result = try RelayburnProcess.run(["import", path, "--store", database.storeURL])
            #expect(result.status == 0, "\(result.stderr)")
            let report = result.stdout + result.stderr
            for (number, (_, expected)) in lines.enumerated() {
                guard let expected else { continue }
                let named = report.split(separator: "\n").first { $0.contains("hostile.jsonl:\(number + 1):") }
                #expect(named?.contains(expected) == true, "line \(number + 1): \(report)")
            }
            #expect(
                report.contains(
                    "hostile.jsonl:\(lines.count + 1): invalid JSON at line 1, column 48 (byte 47): invalid UTF-8"),
                "\(report)")
            // Only the injection line was stored, and its SQL is data.
            let stored = try RelayburnProcess.run(["query", "turns", "--store", database.storeURL]).stdout
            #expect(stored.split(separator: "\n").count == 1, "\(stored)")
            #expect(stored.contains(#""sessionId":"x'); DROP TABLE turns; --""#), "\(stored)")
            #expect(stored.contains(#""project":"' OR 1=1; --""#), "\(stored)")
            let bySession = try RelayburnProcess.run([
                "query", "turns", "--session", Self.injection, "--store", database.storeURL,
            ])
            #expect(bySession.stdout == stored)
            let tables = try await database.rows("SELECT count(*) FROM turns")
            #expect(tables == [[.integer(1)]])
            try VerifyCommandTests.expectClean(database.storeURL)
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func injectionInFiltersAndLockNamesIsText(on dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            _ = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", database.storeURL])
            let before = try RelayburnProcess.run(["summary", "--json", "--store", database.storeURL]).stdout
            for option in ["--session", "--project", "--source"] {
                let result = try RelayburnProcess.run([
                    "query", "turns", option, Self.injection, "--store", database.storeURL,
                ])
                #expect(result.status == 0 && result.stdout.isEmpty, "\(option): \(result.stderr)")
            }
            let lock = try RelayburnProcess.run(["lock", Self.injection, "--store", database.storeURL, "--", "true"])
            #expect(lock.status == 0, "the name is a bound value, taken and let go like any other: \(lock.stderr)")
            #expect(try RelayburnProcess.run(["summary", "--json", "--store", database.storeURL]).stdout == before)
        }
    }
}
