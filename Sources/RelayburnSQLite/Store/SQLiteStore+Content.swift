public import RelayburnLedger
import RelayburnSchema

extension SQLiteStore {
    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        let statement = statements.readContent
        let bindings = statement.bindings([
            "session_id": .text(sessionId), "message_id": messageId.map(SQLValue.text) ?? .null,
        ])
        return try await database.run { connection in
            try connection.cachedQuery(statement, bindings: bindings).map { row in
                try StoredRecordDecoder.decode(row[0], id: .null, kind: .content, ContentRecord.validate)
            }
        }
    }

    public func listContentSessionIds() async throws -> [String] {
        let statement = statements.listContentSessions
        return try await database.run { connection in
            try connection.cachedQuery(statement, bindings: []).compactMap { $0.first?.textValue }
        }
    }

    public func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws -> PruneResult {
        let statements = self.statements
        let cutoff = UTCTimestamp.string(fromEpochMilliseconds: UTCTimestamp.nowMilliseconds() - olderThanMs)
        let candidates = try await database.run { connection in
            try connection.cachedQuery(
                statements.contentSessionsWrittenBefore,
                bindings: statements.contentSessionsWrittenBefore.bindings(["cutoff": .text(cutoff)]))
        }
        var result = PruneResult()
        for row in candidates {
            guard let session = row[0].textValue else { continue }
            if let isRecoverable, await isRecoverable(session) {
                result.skippedRecoverable += 1
                continue
            }
            let bytes = row[1].integerValue ?? 0
            try await write { connection in
                try connection.forEachRow(
                    statements.deleteContentSession,
                    bindings: statements.deleteContentSession.bindings(["session_id": .text(session)])) { _ in }
            }
            result.sessionsDeleted += 1
            result.bytesFreed += bytes
        }
        return result
    }
}
