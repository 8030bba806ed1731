/// What `pruneContent` removed (docs/records.md section 7).
public struct PruneResult: Sendable, Equatable {
    public var sessionsDeleted: Int
    /// UTF-8 bytes of the deleted records.
    public var bytesFreed: Int64
    public var skippedRecoverable: Int

    public init(sessionsDeleted: Int = 0, bytesFreed: Int64 = 0, skippedRecoverable: Int = 0) {
        self.sessionsDeleted = sessionsDeleted
        self.bytesFreed = bytesFreed
        self.skippedRecoverable = skippedRecoverable
    }
}
