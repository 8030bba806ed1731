public import RelayburnSchema

/// What `relayburn verify` found in one store: how many rows of each table it checked and every disagreement.
public struct VerifyReport: Sendable, Equatable {
    /// Rows checked per table, in the order the tables were checked.
    public var checked: [(table: String, rows: Int)] = []
    /// The disagreements, at most ``VerifyReport/maxFindings`` of them (``findingCount`` counts them all).
    public var findings: [VerifyFinding] = []
    /// Every disagreement found, including those beyond the kept ones.
    public var findingCount = 0

    /// How many findings a report keeps: a badly damaged store should not make the report itself huge.
    public static let maxFindings = 1_000

    public init() {}

    /// Whether the store is clean.
    public var isClean: Bool { findingCount == 0 }

    /// Keeps `finding` (up to ``maxFindings``) and counts it.
    public mutating func add(_ finding: VerifyFinding) {
        findingCount += 1
        if findings.count < Self.maxFindings { findings.append(finding) }
    }

    /// Adds `other`'s checked tables and findings (counting those it did not keep) after this report's.
    public mutating func merge(_ other: VerifyReport) {
        checked += other.checked
        for finding in other.findings { add(finding) }
        findingCount += other.findingCount - other.findings.count
    }

    /// Applied migrations whose checksum changed (and no comment-only judgement or accept entry covers it) or whose
    /// SQL this binary renders differently, and migrations a runner started and did not finish.
    public static func historyFindings(_ history: [MigrationStatus]) -> [VerifyFinding] {
        history.compactMap { entry in
            let key = Migration.paddedVersion(entry.version)
            switch entry.state {
            case .modified:
                return VerifyFinding(
                    table: "schema_versions", key: key, problem: .checksumMismatch,
                    detail:
                        "\(entry.name) was applied with checksum \(entry.checksum.prefix(16)), this binary's file has "
                        + "\((entry.fileChecksum ?? "").prefix(16))")
            case .running, .backfilling:
                return VerifyFinding(
                    table: "schema_versions", key: key, problem: .halfApplied,
                    detail: "\(entry.name) is \(entry.state.rawValue); the next `relayburn migrate` finishes it")
            case .drift:
                return VerifyFinding(
                    table: "schema_versions", key: key, problem: .checksumMismatch,
                    detail: "\(entry.name): \(entry.detail ?? "rendered to other SQL than the store applied")")
            case .applied, .pending, .unknown, .edited, .accepted:
                return nil
            }
        }
    }

    public static func == (lhs: VerifyReport, rhs: VerifyReport) -> Bool {
        lhs.checked.elementsEqual(rhs.checked) { $0.table == $1.table && $0.rows == $1.rows }
            && lhs.findings == rhs.findings && lhs.findingCount == rhs.findingCount
    }
}

/// One disagreement between a stored row and what its own JSON says (or the history the binary knows).
public struct VerifyFinding: Sendable, Equatable {
    /// What kind of disagreement; the raw value is the stable code `--json` prints.
    public enum Problem: String, Sendable {
        /// `record_json` is not JSON.
        case unparsable
        /// `record_json` is JSON but no longer a valid record of its kind.
        case invalidRecord = "invalid_record"
        /// The stored id is not the id its JSON derives.
        case idMismatch = "id_mismatch"
        /// A typed column disagrees with the value its JSON gives.
        case columnMismatch = "column_mismatch"
        /// A `sessions` rollup row disagrees with the session's turns.
        case rollupMismatch = "rollup_mismatch"
        /// An applied migration's recorded checksum differs from this binary's file.
        case checksumMismatch = "checksum_mismatch"
        /// A migration was started and not finished (statements or backfill batches outstanding).
        case halfApplied = "half_applied"
    }

    /// The table the finding is in.
    public let table: String
    /// The row: its id (or seq), session id or migration version.
    public let key: String
    public let problem: Problem
    /// One sentence on what disagrees.
    public let detail: String

    public init(table: String, key: String, problem: Problem, detail: String) {
        self.table = table
        self.key = key
        self.problem = problem
        self.detail = detail
    }
}
