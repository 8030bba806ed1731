public import RelayburnLedger

extension ConformanceFixtures {
    /// One fully populated record of every kind (a stamp labelling the turn), in ``LedgerRecords/all`` order.
    public static func oneOfEveryKind() throws -> [any LedgerRecord] {
        let turn = try TurnRecord.validate(try object(fullTurnJSON), index: 0)
        return [
            turn,
            try ContentRecord.validate(try object(fullContentToolUseJSON), index: 0),
            try CompactionEvent.validate(try object(fullCompactionJSON), index: 0),
            try SessionRelationshipRecord.validate(try object(fullRelationshipJSON), index: 0),
            try ToolResultEventRecord.validate(try object(fullToolResultEventJSON), index: 0),
            try UserTurnRecord.validate(try object(fullUserTurnJSON), index: 0),
            try Stamp.labelling(
                sessionId: turn.sessionId, messageId: turn.messageId, labels: [("team", "core")], ts: turn.ts),
        ]
    }
}
