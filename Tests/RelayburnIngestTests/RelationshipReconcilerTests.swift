import RelayburnIngest
import RelayburnLedger
import Testing

/// Cross-file continuation and fork rows (format note §11.7).
@Suite struct RelationshipReconcilerTests {
    private func user(_ uuid: String, parent: String?, session: String, ts: String, text: String = "hi") -> String {
        let parentJSON = parent.map { "\"\($0)\"" } ?? "null"
        return
            #"{"type":"user","uuid":"\#(uuid)","parentUuid":\#(parentJSON),"sessionId":"\#(session)","timestamp":"\#(ts)","version":"2.1","message":{"content":"\#(text)"}}"#
    }

    private func evidence(_ file: String, _ lines: [String]) -> SessionEvidence {
        ClaudeTranscriptParser(fileSessionId: file, resolvesProjectKeys: false).parse(lines: lines).evidence
    }

    @Test func sharedFixturesYieldNoRows() throws {
        let files = try FixtureExpectations.fileNames.map {
            try ClaudeTranscriptParser.parseFile(atPath: FixtureExpectations.path($0))
        }
        #expect(RelationshipReconciler.reconcile(files.map(\.evidence)).isEmpty)
    }

    @Test func continuationFromParentUuidInAnotherFile() {
        let a = evidence("A", [user("a1", parent: nil, session: "A", ts: "t0")])
        let b = evidence("B", [user("b1", parent: "a1", session: "B", ts: "t5")])
        let rows = RelationshipReconciler.reconcile([a, b])
        #expect(rows.count == 1)
        #expect(rows.first?.sessionId == "B")
        #expect(rows.first?.relatedSessionId == "A")
        #expect(rows.first?.relationshipType == "continuation")
        #expect(rows.first?.ts == "t5")
        #expect(rows.first?.sourceVersion == "2.1")
        #expect(rows.first?.sourceSessionId == nil)
    }

    @Test func resumeTargetSuppressesTheReconciledRow() {
        let a = evidence("A", [user("a1", parent: nil, session: "A", ts: "t0")])
        let b = evidence("B", [user("b1", parent: "a1", session: "B", ts: "t5", text: "/resume A")])
        #expect(RelationshipReconciler.reconcile([a, b]).isEmpty)
    }

    @Test func filesSharingAForeignSessionIdAreForks() {
        let c = evidence("C", [user("c1", parent: nil, session: "X", ts: "t1")])
        let d = evidence("D", [user("d1", parent: nil, session: "X", ts: "t2")])
        let lone = evidence("E", [user("e1", parent: nil, session: "Y", ts: "t3")])
        let rows = RelationshipReconciler.reconcile([c, d, lone])
        #expect(rows.map(\.sessionId) == ["C", "D"])
        #expect(rows.allSatisfy { $0.relationshipType == "fork" && $0.relatedSessionId == "X" })
        #expect(rows.map(\.sourceSessionId) == ["X", "X"])
    }

    @Test func continuationWithinAForkGroupIsNotAFork() {
        let c = evidence("C", [user("c1", parent: nil, session: "X", ts: "t1")])
        let d = evidence("D", [user("d1", parent: "c1", session: "X", ts: "t2")])
        let rows = RelationshipReconciler.reconcile([c, d])
        #expect(rows.map(\.relationshipType) == ["continuation", "fork"])
        #expect(rows.map(\.sessionId) == ["D", "C"])
    }
}
