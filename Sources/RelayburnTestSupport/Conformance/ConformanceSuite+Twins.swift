import RelayburnLedger
import Testing

extension ConformanceSuite {
    /// 3. Fingerprint twins: `fakeTurn` as `fp-a` and `fp-b` are both stored, queries return only the smaller
    /// id (both with twins included), whatever the order and batching of the appends.
    public static func scenario3FingerprintTwins(_ factory: StoreFactory) async throws {
        let a = try ConformanceFixtures.turn(["messageId": "fp-a"])
        let b = try ConformanceFixtures.turn(["messageId": "fp-b"])
        #expect(a.fingerprint == b.fingerprint)
        let canonical = a.id.utf8.lexicographicallyPrecedes(b.id.utf8) ? a : b
        let both = [a, b].sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let arrangements: [[[TurnRecord]]] = [[[a, b]], [[b, a]], [[a], [b]], [[b], [a]], [[b], [a, b]]]
        for batches in arrangements {
            try await factory.withStore { store in
                var added = 0
                for batch in batches { added += try await store.appendTurns(batch) }
                #expect(added == 2, "twins are both stored (appends: \(batches.map { $0.map(\.messageId) }))")
                let visible = try await store.turns()
                #expect(visible.map(\.id) == [canonical.id], "only the smallest id is returned")
                let all = try await store.turns(LedgerQuery(includeTwins: true))
                #expect(all.map(\.id) == both.map(\.id), "with twins included, both are returned")
                let summary = try await store.summary(LedgerQuery(), by: nil)
                #expect(summary.turns == 1, "summaries count canonical turns only")
                #expect(summary.usage.input == 100)
            }
        }
    }
}
