import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `relayburn copy` between real stores: a round trip keeps every record, and a killed copy reruns to exact
    /// counts.
    @Suite struct CopyCommandTests {
        static let kinds = ["turns", "content", "compactions", "relationships", "tool-result-events", "user-turns"]

        /// Everything a store holds, as the CLI prints it (twins included).
        static func dump(_ store: String) throws -> String {
            try kinds.map { kind in
                try RelayburnProcess.run(
                    ["query", kind, "--store", store] + (kind == "turns" ? ["--include-twins"] : [])
                ).stdout
            }.joined(separator: "--\n")
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func roundTripKeepsEveryRecord(through dialect: SQLDialect) async throws {
            let directory = try TemporaryDirectory.make()
            let origin = "sqlite:\(directory)/origin.sqlite"
            let middle = try await TestDatabase.make(dialect == .sqlite ? .sqlite : .postgres).storeURL
            let back = "sqlite:\(directory)/back.sqlite"
            _ = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", origin])
            _ = try RelayburnProcess.run(["stamp", "--session", "s-2", "parentAgentId=ag-p", "--store", origin])
            let there = try RelayburnProcess.run(["copy", "--to", middle, "--json", "--store", origin])
            #expect(there.status == 0, "\(there.stderr)")
            #expect(there.stdout.contains(#""turn":{"read":4,"new":4,"source":4,"target":4}"#))
            #expect(there.stdout.contains(#""stamp":{"read":2,"new":2,"source":2,"target":2}"#))
            let home = try RelayburnProcess.run(["copy", "--to", back, "--store", middle])
            #expect(home.status == 0, "\(home.stderr)")
            #expect(try Self.dump(back) == (try Self.dump(origin)))
            let again = try RelayburnProcess.run(["copy", "--to", middle, "--json", "--store", origin])
            #expect(again.stdout.contains(#""turn":{"read":4,"new":0,"source":4,"target":4}"#))
            for store in [origin, middle, back] { try VerifyCommandTests.expectClean(store) }
        }

        @Test(arguments: TestDatabase.enabledDialects)
        func killedCopyRerunsToExactCounts(into dialect: SQLDialect) async throws {
            let directory = try TemporaryDirectory.make()
            let source = "sqlite:\(directory)/source.sqlite"
            let target = try await TestDatabase.make(dialect).storeURL
            _ = try RelayburnProcess.run(["import", try LedgerFiles.write(0..<8_000), "--store", source])
            _ = try RelayburnProcess.run(["migrate", "--store", target])
            let handle = try RelayburnProcess.start(["copy", "--to", target, "--store", source])
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let summary = try RelayburnProcess.run(["summary", "--json", "--store", target]).stdout
                if !summary.hasPrefix(#"{"turns":0,"#) { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            handle.kill()
            _ = try handle.wait()
            let rerun = try RelayburnProcess.run(["copy", "--to", target, "--json", "--store", source])
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(rerun.stdout.contains(#""turn":{"read":8000,"#))
            #expect(rerun.stdout.contains(#""source":8000,"target":8000}"#))
            #expect(try Self.dump(target) == (try Self.dump(source)))
            try VerifyCommandTests.expectClean(target)
        }
    }
}
