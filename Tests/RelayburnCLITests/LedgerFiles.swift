import Foundation
import RelayburnTestSupport

/// Synthetic relayburn 1.x ledger files for the import tests.
enum LedgerFiles {
    /// One turn envelope line; turns with distinct `index` have distinct ids and fingerprints.
    /// A `messageId` other than `msg-<index>` makes a fingerprint twin of that turn.
    static func turnLine(_ index: Int, session: String = "s-bulk", messageId: String? = nil) -> String {
        let second = index % 60
        let minute = (index / 60) % 60
        let hour = (index / 3600) % 24
        let ts = String(format: "2026-04-20T%02d:%02d:%02d.000Z", hour, minute, second)
        return #"{"v":1,"kind":"turn","record":{"v":1,"source":"claude-code","sessionId":"\#(session)","messageId":"\#(messageId ?? "msg-\(index)")","turnIndex":\#(index),"ts":"\#(ts)","model":"claude-sonnet-4-6","usage":{"input":\#(index),"output":\#(index % 97),"reasoning":0,"cacheRead":\#(index * 3),"cacheCreate5m":1,"cacheCreate1h":0},"toolCalls":[],"project":"/tmp/p\#(index % 5)"}}"#
    }

    /// Writes turns `range` to a new file and returns its path.
    /// With `twinsEvery`, every such index also gets a fingerprint twin (same content, another message id).
    static func write(_ range: Range<Int>, twinsEvery: Int? = nil) throws -> String {
        let path = try TemporaryDirectory.make() + "/ledger.jsonl"
        var lines: [String] = []
        for index in range {
            lines.append(turnLine(index))
            if let twinsEvery, index % twinsEvery == 0 { lines.append(turnLine(index, messageId: "twin-\(index)")) }
        }
        let text = lines.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The committed fixture with every line kind, duplicates, a blank, a garbled and an invalid line.
    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/ledger-1x.jsonl").path
    }
}
