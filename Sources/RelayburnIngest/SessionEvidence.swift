/// What one transcript file says about how its session relates to others (format note §11.7).
///
/// Collected per file so that, after a run, files continuing or forking each other can be linked.
public struct SessionEvidence: Sendable, Hashable {
    /// The file name without `.jsonl`, when known.
    public var fileSessionId: String?
    /// First non-empty timestamp on a user/assistant line carrying a session id.
    public var firstTs: String?
    /// Distinct in-log session ids of user/assistant lines, in order of appearance.
    public var inLogSessionIds: [String] = []
    /// First non-empty version seen on a user/assistant line.
    public var sourceVersion: String?
    /// `parentUuid` of the first non-sidechain user line, when a non-empty string.
    public var firstParentUuid: String?
    /// Every user/assistant line uuid, in file order.
    public var seenUuids: [String] = []
    /// Whether a user line starts with `/resume` or `/continue`.
    public var hasResumeMarker = false
    /// The first token after such a marker.
    public var resumeTarget: String?
    /// Targets of explicit `continuedFromSessionId` fields.
    public var continuationTargets: [String] = []
    /// Targets of explicit `forkSessionId` fields.
    public var forkTargets: [String] = []

    /// Creates empty evidence for a file.
    public init(fileSessionId: String?) {
        self.fileSessionId = fileSessionId
    }
}
