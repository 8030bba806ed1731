/// One host of the fleet census (`relayburn_hosts`, migration 0008): which relayburn it ran and the newest
/// migration it knew when it last opened the store.
public struct CensusEntry: Sendable, Equatable {
    public var host: String
    public var relayburnVersion: String
    public var knownVersion: Int
    /// UTC ISO-8601 with milliseconds.
    public var seenAt: String

    public init(host: String, relayburnVersion: String, knownVersion: Int, seenAt: String) {
        self.host = host
        self.relayburnVersion = relayburnVersion
        self.knownVersion = knownVersion
        self.seenAt = seenAt
    }

    init?(row: [SQLValue]) {
        guard row.count >= 4, let host = row[0].textValue, let version = row[1].textValue,
            let known = row[2].integerValue, let seen = row[3].textValue
        else { return nil }
        self.init(host: host, relayburnVersion: version, knownVersion: Int(known), seenAt: seen)
    }

    /// `ci-7 (relayburn 0.1.0, knows 0007, seen 2026-12-01T10:00:00.000Z)`.
    public var summary: String {
        "\(host) (relayburn \(relayburnVersion), knows \(Migration.paddedVersion(knownVersion)), seen \(seenAt))"
    }
}

/// Who this process is, for the census.
public struct CensusIdentity: Sendable, Equatable {
    public var host: String
    public var relayburnVersion: String

    public init(host: String, relayburnVersion: String) {
        self.host = host
        self.relayburnVersion = relayburnVersion
    }
}

extension MigrationRunner {
    /// The census rows seen within `censusWindowMs`, newest first; empty before migration 0008.
    public func census() async throws -> [CensusEntry] {
        let exists = try catalog.statement("runner/census_exists", for: driver.dialect)
        let all = try catalog.statement("runner/census_all", for: driver.dialect)
        let since = UTCTimestamp.string(fromEpochMilliseconds: UTCTimestamp.nowMilliseconds() - censusWindowMs)
        return try await driver.withConnection { connection in
            guard try connection.query(exists, bindings: []).first?.first?.integerValue == 1 else { return [] }
            return try connection.query(all, bindings: [.text(since)]).compactMap(CensusEntry.init(row:))
        }
    }

    /// Records this host in the census (callers throttle to once an hour); nothing before migration 0008.
    public func recordCensus(host: String, relayburnVersion: String) async throws {
        let exists = try catalog.statement("runner/census_exists", for: driver.dialect)
        let record = try catalog.statement("runner/census_record", for: driver.dialect)
        let values: [String: SQLValue] = [
            "host": .text(host), "relayburn_version": .text(relayburnVersion),
            "known_version": .integer(Int64(catalog.latestVersion)), "seen_at": .text(UTCTimestamp.now()),
        ]
        let bindings = record.parameters.map { values[$0] ?? .null }
        try await driver.withConnection { connection in
            guard try connection.query(exists, bindings: []).first?.first?.integerValue == 1 else { return }
            _ = try connection.query(record, bindings: bindings)
        }
    }

    /// Refuses to apply `migration` when it raises a compatibility floor above what a host seen within the window
    /// knows, unless ``allowContract``; runs inside the migration's transaction.
    func checkCensus(before migration: Migration, _ connection: any MigrationConnection) throws {
        guard !allowContract else { return }
        let before = catalog.floors(through: migration.version - 1)
        let after = catalog.floors(through: migration.version)
        guard after.write > before.write || after.read > before.read else { return }
        let exists = try catalog.statement("runner/census_exists", for: driver.dialect)
        guard try connection.query(exists, bindings: []).first?.first?.integerValue == 1 else { return }
        let below = try catalog.statement("runner/census_below", for: driver.dialect)
        let since = UTCTimestamp.string(fromEpochMilliseconds: UTCTimestamp.nowMilliseconds() - censusWindowMs)
        let values: [String: SQLValue] = ["since": .text(since), "floor": .integer(Int64(after.write))]
        let hosts = try connection.query(below, bindings: below.parameters.map { values[$0] ?? .null })
            .compactMap(CensusEntry.init(row:))
        guard !hosts.isEmpty else { return }
        throw MigrationError.fleetContraction(migration, readOnly: after.read <= before.read, hosts: hosts)
    }
}
