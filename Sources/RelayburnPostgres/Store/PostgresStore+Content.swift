public import RelayburnLedger
import RelayburnSchema

extension PostgresStore {
    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        try await reader.readContent(sessionId: sessionId, messageId: messageId)
    }

    public func listContentSessionIds() async throws -> [String] {
        try await reader.listContentSessionIds()
    }

    public func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws -> PruneResult {
        let delete = statements.deleteContentSession
        var result = PruneResult()
        for candidate in try await reader.pruneCandidates(olderThanMs: olderThanMs) {
            if let isRecoverable, await isRecoverable(candidate.session) {
                result.skippedRecoverable += 1
                continue
            }
            let bindings = delete.bindings(["session_id": .text(candidate.session)])
            _ = try await write { connection in try connection.query(delete, bindings: bindings) }
            result.sessionsDeleted += 1
            result.bytesFreed += candidate.bytes
        }
        return result
    }
}
