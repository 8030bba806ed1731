import Foundation
import RelayburnIngest
import RelayburnLedger
import Testing

/// `TranscriptIngester` across runs with cursors: cross-file relationships found when one side was skipped,
/// and subagent sidecar files.
@Suite struct IncrementalIngestTests {
    private let directory: String = {
        let path = NSTemporaryDirectory() + "relayburn-ingest-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    private func user(_ uuid: String, parent: String?, session: String, ts: String) -> String {
        let parentJSON = parent.map { "\"\($0)\"" } ?? "null"
        return
            #"{"type":"user","uuid":"\#(uuid)","parentUuid":\#(parentJSON),"sessionId":"\#(session)","timestamp":"\#(ts)","version":"2.1","message":{"content":"hi"}}"#
    }

    private func assistant(_ uuid: String, message: String, session: String, ts: String, sidechain: Bool = false)
        -> String
    {
        #"{"type":"assistant","uuid":"\#(uuid)","isSidechain":\#(sidechain),"sessionId":"\#(session)","timestamp":"\#(ts)","message":{"id":"\#(message)","model":"claude-sonnet-4-6","stop_reason":"end_turn","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":5,"output_tokens":2}}}"#
    }

    @discardableResult
    private func write(_ name: String, _ lines: [String]) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// One run over `files` with the cursors of `home`; returns the report.
    private func run(_ files: [String], into store: MemoryStore, home: String) async throws
        -> TranscriptIngester.Report
    {
        let cursors = IngestCursors(home: home, store: "test")
        let report = try await TranscriptIngester(settleAfter: .zero).ingest(files, into: store, cursors: cursors)
        try cursors.save()
        return report
    }

    private func relationshipKeys(_ store: MemoryStore) async throws -> Set<String> {
        var keys: Set<String> = []
        for try await row in store.queryRelationships(LedgerQuery()) {
            keys.insert("\(row.sessionId) \(row.relationshipType) \(row.relatedSessionId ?? "-")")
        }
        return keys
    }

    @Test func continuationOfASkippedFileIsFoundWhenTheNewFileArrives() async throws {
        let a = try write("p/A.jsonl", [user("a1", parent: nil, session: "A", ts: "t0"), assistant("a2", message: "m1", session: "A", ts: "t1")])
        let store = MemoryStore()
        let home = directory + "/home"
        _ = try await run([a], into: store, home: home)
        let b = try write("p/B.jsonl", [user("b1", parent: "a2", session: "B", ts: "t5"), assistant("b2", message: "m2", session: "B", ts: "t6")])
        let second = try await run([a, b], into: store, home: home)
        #expect(second.filesSkipped == 1)
        #expect(second.inserted[.relationship] == 2)  // B's root and its continuation of A
        #expect(try await relationshipKeys(store).contains("B continuation A"))
        // Nothing changed: nothing is read, nothing reconciled.
        let third = try await run([a, b], into: store, home: home)
        #expect(third.filesSkipped == 2)
        #expect(third.extracted.isEmpty)

        let serial = MemoryStore()
        _ = try await TranscriptIngester(settleAfter: .zero).ingest([a, b], into: serial)
        #expect(try await relationshipKeys(store) == relationshipKeys(serial))
    }

    @Test func aForkIsFoundWhenItsSiblingWasIngestedEarlier() async throws {
        let c = try write("p/C.jsonl", [user("c1", parent: nil, session: "X", ts: "t1")])
        let store = MemoryStore()
        let home = directory + "/home"
        _ = try await run([c], into: store, home: home)
        let d = try write("p/D.jsonl", [user("d1", parent: nil, session: "X", ts: "t2")])
        _ = try await run([c, d], into: store, home: home)
        let keys = try await relationshipKeys(store)
        #expect(keys.contains("C fork X") && keys.contains("D fork X"))

        let serial = MemoryStore()
        _ = try await TranscriptIngester(settleAfter: .zero).ingest([c, d], into: serial)
        #expect(keys == (try await relationshipKeys(serial)))
    }

    /// `<project>/<session>/subagents/agent-<id>.jsonl` holds a subagent's turns; they are stored under the
    /// session, and no session named after the sidecar file is invented.
    @Test func subagentSidecarsBelongToTheirSession() async throws {
        try write("p/S.jsonl", [user("s1", parent: nil, session: "S", ts: "t1"), assistant("s2", message: "m1", session: "S", ts: "t2")])
        try write(
            "p/S/subagents/agent-7.jsonl",
            [user("g1", parent: nil, session: "S", ts: "t3"), assistant("g2", message: "m9", session: "S", ts: "t4", sidechain: true)])
        let files = try TranscriptFinder.transcripts(in: [directory + "/p"])
        #expect(files.count == 2)
        let store = MemoryStore()
        _ = try await run(files, into: store, home: directory + "/home")
        var turns: [String] = []
        for try await turn in store.queryTurns(LedgerQuery()) { turns.append(turn.turn.messageId) }
        #expect(turns.sorted() == ["m1", "m9"])
        #expect(try await relationshipKeys(store) == ["S root -"])
    }
}
