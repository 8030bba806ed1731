import RelayburnLedger
import RelayburnSchema
import Testing

extension ConformanceSuite {
    /// 7. Content: per-session listing, read by session and by message, prune by age, prune honours
    /// `isRecoverable`, and an invalid session id rejects the batch.
    public static func scenario7Content(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            let hello = try ConformanceFixtures.content()
            let thought = try ConformanceFixtures.content(["kind": "thinking", "text": "hmm"])
            let world = try ConformanceFixtures.content([
                "messageId": "msg-2", "ts": "2026-04-20T00:00:01.000Z", "text": "world",
            ])
            let other = try ConformanceFixtures.content(["sessionId": "s-2"])
            #expect(try await store.appendContent([world, other, hello, thought]) == 4)
            #expect(try await store.listContentSessionIds() == ["s-1", "s-2"])

            let sameTs = [hello, thought].sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
            let session = try await store.readContent(sessionId: "s-1", messageId: nil)
            #expect(Same.json(session.map(\.object), (sameTs + [world]).map(\.object)))
            let message = try await store.readContent(sessionId: "s-1", messageId: "msg-1")
            #expect(Same.json(message.map(\.object), sameTs.map(\.object)))
            #expect(try await store.readContent(sessionId: "s-9", messageId: nil).isEmpty)

            let nothing = try await store.pruneContent(olderThanMs: 3_600_000, isRecoverable: nil)
            #expect(nothing == PruneResult())
            let bytes = [hello, thought, world].reduce(0) { $0 + Int64($1.object.compactJSON.utf8.count) }
            do {
                let pruned = try await store.pruneContent(olderThanMs: 0) { $0 == "s-2" }
                #expect(pruned == PruneResult(sessionsDeleted: 1, bytesFreed: bytes, skippedRecoverable: 1))
            } catch let error as any RelayburnError where error.errorCode == "unsupported_over_http" {
                // The http adapter cannot carry the callback to the server: it refuses before deleting anything.
                #expect(try await store.listContentSessionIds() == ["s-1", "s-2"])
                let pruned = try await store.pruneContent(olderThanMs: 0, isRecoverable: nil)
                #expect(pruned.sessionsDeleted == 2)
                _ = try await store.append([other])
            }
            #expect(try await store.listContentSessionIds() == ["s-2"])
            #expect(try await store.readContent(sessionId: "s-1", messageId: nil).isEmpty)

            #expect(throws: RecordError.self, "an invalid content session id rejects the batch") {
                _ = try [
                    ConformanceFixtures.fakeContent,
                    ConformanceFixtures.varying(ConformanceFixtures.fakeContent, ["sessionId": "ses_Ünï"]),
                ]
                .enumerated().map { try ContentRecord.validate(.object($0.element), index: $0.offset) }
            }
            #expect(try await store.listContentSessionIds() == ["s-2"])
        }
    }

    /// 7 (continued). Pruning by age deletes a session only when its newest content is old enough.
    public static func scenario7ContentPruneByAge(_ factory: StoreFactory) async throws {
        try await factory.withStore { store in
            _ = try await store.appendContent([
                try ConformanceFixtures.content(["sessionId": "s-old"]),
                try ConformanceFixtures.content(["sessionId": "s-mixed"]),
            ])
            try await Task.sleep(for: .milliseconds(1_500))
            let secondStarted = ContinuousClock.now
            _ = try await store.appendContent([
                try ConformanceFixtures.content(["sessionId": "s-new"]),
                try ConformanceFixtures.content(["sessionId": "s-mixed", "messageId": "msg-2"]),
            ])
            // The cutoff falls 750 ms before the second append began, however long that append took on a
            // loaded machine: after the first batch, before the second.
            let sinceSecond = (ContinuousClock.now - secondStarted).milliseconds
            let pruned = try await store.pruneContent(olderThanMs: sinceSecond + 750, isRecoverable: nil)
            #expect(pruned.sessionsDeleted == 1)
            #expect(pruned.skippedRecoverable == 0)
            #expect(try await store.listContentSessionIds() == ["s-mixed", "s-new"])
        }
    }
}
