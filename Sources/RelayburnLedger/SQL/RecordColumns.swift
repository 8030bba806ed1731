public import RelayburnSchema

/// The typed columns each record kind is stored with, next to its `record_json` (migrations 0001-0004), by
/// the parameter names of the kind's `templates/ledger/<table>/insert.sql`.
public enum RecordColumns {
    public static func turn(_ record: TurnRecord) -> [String: SQLValue] {
        [
            "id": .text(record.id), "fingerprint": .text(record.fingerprint), "source": .text(record.source),
            "session_id": .text(record.sessionId), "message_id": .text(record.messageId),
            "turn_index": .integer(record.turnIndex), "ts": .text(record.ts), "model": .text(record.model),
            "project": optional(record.project), "project_key": optional(record.projectKey),
            "input_tokens": .integer(record.usage.input), "output_tokens": .integer(record.usage.output),
            "reasoning_tokens": .integer(record.usage.reasoning), "cache_read_tokens": .integer(record.usage.cacheRead),
            "cache_create_5m_tokens": .integer(record.usage.cacheCreate5m),
            "cache_create_1h_tokens": .integer(record.usage.cacheCreate1h),
            "stop_reason": optional(record.stopReason), "subagent_id": optional(record.subagent?.agentId),
            "record_json": .text(record.object.compactJSON),
        ]
    }

    public static func content(_ record: ContentRecord, writtenAt: String) -> [String: SQLValue] {
        let json = record.object.compactJSON
        return [
            "session_id": .text(record.sessionId), "id": .text(record.id), "source": .text(record.source),
            "message_id": .text(record.messageId), "ts": .text(record.ts), "role": .text(record.role),
            "kind": .text(record.kind), "byte_len": .integer(Int64(json.utf8.count)), "written_at": .text(writtenAt),
            "record_json": .text(json),
        ]
    }

    public static func compaction(_ record: CompactionEvent) -> [String: SQLValue] {
        [
            "id": .text(record.id), "source": .text(record.source), "session_id": .text(record.sessionId),
            "ts": .text(record.ts), "record_json": .text(record.object.compactJSON),
        ]
    }

    public static func relationship(_ record: SessionRelationshipRecord) -> [String: SQLValue] {
        [
            "id": .text(record.id), "source": .text(record.source), "session_id": .text(record.sessionId),
            "related_session_id": optional(record.relatedSessionId),
            "relationship_type": .text(record.relationshipType), "agent_id": optional(record.agentId),
            "ts": optional(record.ts), "record_json": .text(record.object.compactJSON),
        ]
    }

    public static func toolResultEvent(_ record: ToolResultEventRecord) -> [String: SQLValue] {
        [
            "id": .text(record.id), "source": .text(record.source), "session_id": .text(record.sessionId),
            "message_id": optional(record.messageId), "tool_use_id": .text(record.toolUseId),
            "event_index": .integer(record.eventIndex), "status": .text(record.status),
            "event_source": .text(record.eventSource), "ts": optional(record.ts),
            "output_bytes": record.object["outputBytes"]?.integerValue.map(SQLValue.integer) ?? .null,
            // Absent means "not known to be cut", stored as false only when the producer measured the output.
            "output_truncated": record.object["outputTruncated"]?.boolValue.map { .integer($0 ? 1 : 0) }
                ?? (record.object["outputBytes"] == nil ? .null : .integer(0)),
            "record_json": .text(record.object.compactJSON),
        ]
    }

    public static func userTurn(_ record: UserTurnRecord) -> [String: SQLValue] {
        [
            "id": .text(record.id), "source": .text(record.source), "session_id": .text(record.sessionId),
            "user_uuid": .text(record.userUuid), "ts": .text(record.ts),
            "record_json": .text(record.object.compactJSON),
        ]
    }

    public static func stamp(_ record: Stamp) -> [String: SQLValue] {
        [
            "id": .text(record.id), "ts": .text(record.ts), "session_id": optional(record.selector.sessionId),
            "message_id": optional(record.selector.messageId), "record_json": .text(record.object.compactJSON),
        ]
    }

    static func optional(_ text: String?) -> SQLValue {
        text.map(SQLValue.text) ?? .null
    }
}

extension TurnRecord {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] { RecordColumns.turn(self) }
}
extension ContentRecord {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] {
        RecordColumns.content(self, writtenAt: writtenAt)
    }
}
extension CompactionEvent {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] { RecordColumns.compaction(self) }
}
extension SessionRelationshipRecord {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] { RecordColumns.relationship(self) }
}
extension ToolResultEventRecord {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] { RecordColumns.toolResultEvent(self) }
}
extension UserTurnRecord {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] { RecordColumns.userTurn(self) }
}
extension Stamp {
    public func storedColumns(writtenAt: String) -> [String: SQLValue] { RecordColumns.stamp(self) }
}
