import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 15. Resuming streams: for every kind but stamps, a query `after` the cursor of any record it returned
    /// yields exactly the records that followed it, decoded and encoded alike (ties on `ts` broken by the rest
    /// of the key, records without `ts` first); a cursor on stamps is refused.
    public static func scenario15StreamCursors(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            typealias F = ConformanceFixtures
            // Four records per kind; two share a ts, one has none where the kind allows it.
            let times: [JSONValue] = ["2026-04-20T00:00:02Z", "2026-04-20T00:00:01Z", "2026-04-20T00:00:01Z", nil]
            func ts(_ index: Int, optional: Bool) -> JSONValue {
                optional || index < 3 ? times[index] : "2026-04-20T00:00:00Z"
            }
            let turns = try (0..<4).map { i in
                try F.turn([
                    "messageId": .string("m-\(i)"), "sessionId": .string("s-\(i % 2)"), "turnIndex": .integer(Int64(i)),
                    "ts": ts(i, optional: false),
                ])
            }
            let content = try (0..<4).map { i in
                try F.content(["text": .string("text \(i)"), "ts": ts(i, optional: false)])
            }
            let compactions = try (0..<4).map { i in
                try F.compaction(["sessionId": .string("s-\(i)"), "ts": ts(i, optional: false)])
            }
            let relationships = try (0..<4).map { i in
                try F.relationship(["sessionId": .string("s-\(i)"), "ts": ts(i, optional: true)])
            }
            let events = try (0..<4).map { i in
                try F.toolResultEvent(["toolUseId": .string("tu-\(i)"), "ts": ts(i, optional: true)])
            }
            let userTurns = try (0..<4).map { i in
                try F.userTurn(["userUuid": .string("u-\(i)"), "ts": ts(i, optional: false)])
            }
            try await expectResumes(turns, in: store)
            try await expectResumes(content, in: store)
            try await expectResumes(compactions, in: store)
            try await expectResumes(relationships, in: store)
            try await expectResumes(events, in: store)
            try await expectResumes(userTurns, in: store)

            let stamp = try Stamp.labelling(sessionId: "s-0", messageId: nil, labels: [("k", "v")], ts: "t")
            #expect(try await store.appendStamps([stamp]) == 1)
            let cursor = StreamCursor(ts: "t", id: stamp.id)
            await #expect(throws: StreamCursorError.self) {
                try await store.query(Stamp.self, LedgerQuery(after: cursor)).collect()
            }
        }
    }

    private static func expectResumes<Record: LedgerRecord>(_ records: [Record], in store: any StorageAdapter)
        async throws
    {
        #expect(try await store.append(records) == records.count)
        let everything = LedgerQuery(includeTwins: true)
        let all = try await store.query(Record.self, everything).collect().map(Record.record(of:))
        #expect(all.count == records.count, "\(Record.kind)")
        for (position, record) in all.enumerated() {
            var resumed = everything
            resumed.after = StreamCursor.after(record)
            let rest = try await store.query(Record.self, resumed).collect().map { Record.record(of: $0).id }
            #expect(rest == all[(position + 1)...].map(\.id), "\(Record.kind) after position \(position)")
            var lines = 0
            for try await page in store.queryEncoded(Record.self, resumed) { lines += page.count }
            #expect(lines == all.count - position - 1, "\(Record.kind) encoded after position \(position)")
        }
    }
}
