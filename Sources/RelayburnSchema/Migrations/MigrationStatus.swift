/// The state of one version, as `relayburn migrate status` lists it.
public struct MigrationStatus: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        /// Recorded in `schema_versions` with the checksum of the compiled-in file.
        case applied
        /// Known to this binary, not yet recorded.
        case pending
        /// Recorded, but the compiled-in file now has another checksum, and nothing accepts the edit.
        case modified
        /// Recorded; the compiled-in file changed since, in comments or whitespace only (accepted).
        case edited
        /// Recorded; the compiled-in file changed since, and `templates/migrations.accept` accepts the change.
        case accepted
        /// Recorded with the compiled-in file's checksum, but this binary's dialect files render it to other SQL
        /// than the store applied ("engine drift").
        case drift
        /// Recorded, but this binary has no such migration (a newer relayburn applied it).
        case unknown
        /// A no-transaction migration whose statements have not all run (the next runner re-runs it).
        case running
        /// A backfill whose batches have not all committed (the next runner resumes it).
        case backfilling
    }

    public let version: Int
    public let name: String
    public let state: State
    /// When it was applied, for recorded versions.
    public let appliedAt: String?
    /// The recorded checksum for recorded versions, else the file's.
    public let checksum: String
    /// The compiled-in file's checksum, when this binary knows the version.
    public let fileChecksum: String?
    /// How it runs: as recorded, else as the compiled-in file says.
    public var kind: MigrationKind? = nil
    /// The version of the relayburn that applied it, when recorded.
    public var relayburnVersion: String? = nil
    /// For a backfill under way, the last key its committed batches filled.
    public var backfillAfter: String? = nil
    /// Why the state is edited, accepted or drift, in one sentence.
    public var detail: String? = nil
}
