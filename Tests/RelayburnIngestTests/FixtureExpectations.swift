import Foundation
import RelayburnIngest
import RelayburnLedger
import Testing

/// The shared Claude fixtures and their `expected.json` (format note §18).
enum FixtureExpectations {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static let fileNames = [
        "compact-boundary.jsonl", "multi-block-turn.jsonl", "nested-subagent.jsonl", "simple-turn.jsonl",
        "user-turn-blocks.jsonl",
    ]

    /// `expected.json` parsed with the ledger's order-preserving parser.
    static let all: JSONObject = {
        let data = try! Data(contentsOf: directory.appendingPathComponent("expected.json"))
        return try! JSONValue.parse(Array(data)).objectValue!
    }()

    static func expected(_ fileName: String) -> JSONObject {
        all[fileName]!.objectValue!
    }

    static func bytes(_ fileName: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(fileName)))
    }

    static func path(_ fileName: String) -> String {
        directory.appendingPathComponent(fileName).path
    }

    /// Checks that `actual` has exactly the keys of `expected` (apart from `ignoring`) with equal values,
    /// comparing values by canonical JSON so key order does not matter.
    static func expectSameFields(
        _ actual: JSONObject, _ expected: JSONObject, ignoring: Set<String> = ["v"], _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let actualKeys = Set(actual.keys).subtracting(ignoring)
        let expectedKeys = Set(expected.keys).subtracting(ignoring)
        #expect(actualKeys == expectedKeys, "\(what): keys differ", sourceLocation: sourceLocation)
        for key in expectedKeys {
            #expect(
                actual[key]?.canonicalJSON == expected[key]?.canonicalJSON, "\(what).\(key)",
                sourceLocation: sourceLocation)
        }
    }
}
