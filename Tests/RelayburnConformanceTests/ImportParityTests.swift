import Foundation
import RelayburnLedger
import RelayburnTestSupport
import Testing

/// The same 1.x ledger imported into every adapter gives byte-identical summaries and query output.
@Suite struct ImportParityTests {
    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/ledger-1x.jsonl").path
    }

    @Test func summaryAndQueriesAreIdenticalOnEveryAdapter() async throws {
        var summaries: [[String]] = []
        var turnOutputs: [[String]] = []
        for factory in StoreConformanceTests.factories {
            let store = try await factory.make()
            let report = try await LedgerImporter().importFile(Self.fixture, into: store)
            #expect(report.inserted[.turn] == 4, "\(factory)")
            #expect(report.rejected.map(\.line) == [11, 14], "\(factory)")
            var jsons = [try await store.summary(LedgerQuery(), by: nil).json]
            for grouping in SummaryGrouping.allCases {
                jsons.append(try await store.summary(LedgerQuery(), by: grouping).json)
            }
            summaries.append(jsons)
            var turns: [String] = []
            for try await turn in store.queryTurns(LedgerQuery(includeTwins: true)) { turns.append(turn.jsonObject.compactJSON) }
            turnOutputs.append(turns)
            await store.close()
        }
        #expect(summaries.count == StoreConformanceTests.factories.count)
        #expect(Set(summaries.map { $0.joined(separator: "\n") }).count == 1)
        #expect(Set(turnOutputs.map { $0.joined(separator: "\n") }).count == 1)
        #expect(summaries.first?.first?.hasPrefix(#"{"turns":3,"#) == true)
    }
}
