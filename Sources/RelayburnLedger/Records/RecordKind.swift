/// The kinds of ledger records.
///
/// Raw values are the `kind` strings of relayburn 1.x ledger lines; content never appeared in that file, so it
/// uses `"content"`.
public enum RecordKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case turn
    case content
    case compaction
    case relationship
    case toolResultEvent = "tool_result_event"
    case userTurn = "user_turn"
    case stamp

    /// The wire string, e.g. `tool_result_event`.
    public var description: String { rawValue }
}

extension RecordKind {
    /// The table the kind is stored in, which also names its directory under `templates/ledger/`.
    public var table: String {
        switch self {
        case .turn: "turns"
        case .content: "content"
        case .compaction: "compactions"
        case .relationship: "relationships"
        case .toolResultEvent: "tool_result_events"
        case .userTurn: "user_turns"
        case .stamp: "stamps"
        }
    }
}
