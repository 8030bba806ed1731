public import RelayburnLedger

extension RecordKind {
    /// The kind's path segment under `/v1/` (server.md §1): `turns`, `tool-result-events`, ….
    public var routeName: String {
        switch self {
        case .turn: "turns"
        case .content: "content"
        case .compaction: "compactions"
        case .relationship: "relationships"
        case .toolResultEvent: "tool-result-events"
        case .userTurn: "user-turns"
        case .stamp: "stamps"
        }
    }

    /// The kind a `/v1/` path segment names, or `nil` (a 404).
    public init?(routeName: String) {
        guard let kind = RecordKind.allCases.first(where: { $0.routeName == routeName }) else { return nil }
        self = kind
    }
}
