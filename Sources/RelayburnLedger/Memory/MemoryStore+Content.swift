extension MemoryStore {
    public func readContent(sessionId: String, messageId: String?) async throws -> [ContentRecord] {
        guard let rows = content[sessionId] else { return [] }
        let message = messageId.flatMap { $0.isEmpty ? nil : $0 }
        return rows.values.map(\.record)
            .filter { record in message.map { $0 == record.messageId } ?? true }
            .sorted { MemoryOrder.timestamped(($0.ts, $0.id), ($1.ts, $1.id)) }
    }

    public func listContentSessionIds() async throws -> [String] {
        content.keys.sorted(by: MemoryOrder.precedes)
    }

    /// Deletes whole sessions whose newest content was written at or before `now - olderThanMs`.
    ///
    /// `isRecoverable` runs outside the store's isolation, so the age of each candidate is checked again just
    /// before it is deleted: content written meanwhile keeps the session.
    public func pruneContent(
        olderThanMs: Int64, isRecoverable: (@Sendable (String) async -> Bool)?
    ) async throws -> PruneResult {
        let cutoff = now() - olderThanMs
        var result = PruneResult()
        for sessionId in content.keys.sorted(by: MemoryOrder.precedes) where isExpired(sessionId, cutoff: cutoff) {
            if let isRecoverable, await isRecoverable(sessionId) {
                result.skippedRecoverable += 1
                continue
            }
            guard isExpired(sessionId, cutoff: cutoff), let removed = content.removeValue(forKey: sessionId) else {
                continue
            }
            result.sessionsDeleted += 1
            result.bytesFreed += removed.values.reduce(0) { $0 + Int64($1.record.object.compactJSON.utf8.count) }
        }
        return result
    }

    /// Whether the newest content of `sessionId` was written at or before `cutoff`.
    private func isExpired(_ sessionId: String, cutoff: Int64) -> Bool {
        guard let rows = content[sessionId], let newest = rows.values.map(\.writtenAtMs).max() else { return false }
        return newest <= cutoff
    }
}
