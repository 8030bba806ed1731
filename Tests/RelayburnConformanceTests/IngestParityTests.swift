import Foundation
import RelayburnIngest
import RelayburnLedger
import RelayburnTestSupport
import Testing

/// Ingesting the Claude Code fixtures gives byte-identical summaries on every adapter.
@Suite struct IngestParityTests {
    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RelayburnIngestTests/Fixtures").path
    }

    @Test func summaryAfterIngestIsIdenticalOnEveryAdapter() async throws {
        let files = try TranscriptFinder.transcripts(in: [Self.fixtures])
        #expect(files.count == 5)
        var outputs: [String] = []
        for factory in StoreConformanceTests.factories {
            let store = try await factory.make()
            let report = try await TranscriptIngester(settleAfter: .zero).ingest(files, into: store)
            #expect(report.filesScanned == 5, "\(factory)")
            var summaries = [try await store.summary(LedgerQuery(), by: nil).json]
            for grouping in SummaryGrouping.allCases {
                summaries.append(try await store.summary(LedgerQuery(), by: grouping).json)
            }
            outputs.append(summaries.joined(separator: "\n"))
            await store.close()
        }
        #expect(outputs.count == StoreConformanceTests.factories.count)
        #expect(Set(outputs).count == 1)
        #expect(outputs.first?.hasPrefix(#"{"turns":12,"#) == true)
    }
}
