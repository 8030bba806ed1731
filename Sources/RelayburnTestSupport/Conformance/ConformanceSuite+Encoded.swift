import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 14. Every kind, through the generic seam: one record of each appended with `append(_:)`, read back by
    /// `query(_:_:)` and by `queryEncoded(_:_:)`; the encoded lines are exactly the compact JSON of the decoded
    /// outputs (turns with their folded `enrichment`), in the same order, `count(_:)` counts them, and
    /// re-appending stores nothing.
    public static func scenario14EveryKindThroughTheSeam(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let records = try ConformanceFixtures.oneOfEveryKind()
            #expect(Set(records.map { type(of: $0).kind }) == Set(RecordKind.allCases))
            for record in records { #expect(try await appendOne(record, to: store) == 1) }
            for record in records { #expect(try await appendOne(record, to: store) == 0) }
            for type in LedgerRecords.all { try await expectEncodedMatchesDecoded(type, in: store) }
            let turns = try await store.queryTurns(LedgerQuery()).collect()
            #expect(turns.map(\.enrichment) == [["team": "core"]])
        }
    }

    private static func appendOne<Record: LedgerRecord>(
        _ record: Record, to store: any StorageAdapter
    )
        async throws -> Int
    {
        try await store.append([record])
    }

    private static func expectEncodedMatchesDecoded<Record: LedgerRecord>(
        _: Record.Type, in store: any StorageAdapter
    ) async throws {
        let everything = LedgerQuery(includeTwins: true)
        let decoded = try await store.query(Record.self, everything).collect()
        var lines: [String] = []
        for try await page in store.queryEncoded(Record.self, everything) {
            let split = page.bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
            #expect(split.count == page.count, "\(Record.kind): a page's count is its number of lines")
            lines += split
        }
        // Spawn relationships come with the stamp, so relationships may hold more than the one appended.
        #expect(!decoded.isEmpty, "\(Record.kind) came back empty")
        #expect(lines == decoded.map { Record.wireObject(of: $0).compactJSON }, "\(Record.kind)")
        // What the store counts is what it streams with twins included (SQL stores count in the database).
        #expect(try await store.count(Record.kind) == lines.count, "\(Record.kind): count")
    }
}
