public import RelayburnSchema

/// The `sessions` rows a batch of new turns implies: one per session with its earliest and latest turn, so the
/// rollup costs one upsert per session rather than one per turn.
public struct SessionRollup {
    private var order: [String] = []
    private var sessions: [String: (source: String, project: String?, first: String, last: String)] = [:]

    public init() {}

    public mutating func add(_ turn: TurnRecord) {
        guard var session = sessions[turn.sessionId] else {
            order.append(turn.sessionId)
            sessions[turn.sessionId] = (turn.source, turn.project, turn.ts, turn.ts)
            return
        }
        session.first = min(session.first, turn.ts)
        session.last = max(session.last, turn.ts)
        session.project = session.project ?? turn.project
        sessions[turn.sessionId] = session
    }

    /// Bindings for `templates/ledger/upsert_session.sql`, in the order sessions were first seen.
    public var rows: [[String: SQLValue]] {
        order.compactMap { id in
            sessions[id].map { session in
                [
                    "session_id": .text(id), "source": .text(session.source),
                    "project": session.project.map(SQLValue.text) ?? .null, "first_seen": .text(session.first),
                    "last_seen": .text(session.last),
                ]
            }
        }
    }
}
