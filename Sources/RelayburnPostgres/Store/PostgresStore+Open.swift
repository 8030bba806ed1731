import RelayburnSchema

extension PostgresStore {
    /// How long opening a store keeps retrying once its first session has connected and then broke.
    static let openReconnectWindow = Duration.seconds(15)

    /// Connects and migrates; when the session breaks after it connected (the server restarting mid-open), does it
    /// all again on a new session, with backoff, for ``openReconnectWindow``. Safe because every migration is
    /// applied completely or not at all (and a no-transaction one resumes), so a rerun picks up where the break left.
    ///
    /// A connection refused before any session ever connected is not retried: a wrong host or port fails at once.
    static func connectAndMigrate(
        conninfo: String, _ connect: () async throws -> (PostgresDatabase, MigrationRunner<PostgresMigrationDriver>)
    ) async throws -> (PostgresDatabase, MigrationRunner<PostgresMigrationDriver>, MigrationReport) {
        let started = ContinuousClock.now
        var pause = Duration.milliseconds(100)
        var connectedOnce = false
        while true {
            do {
                let (database, runner) = try await connect()
                connectedOnce = true
                return (database, runner, try await runner.migrate())
            } catch  where connectedOnce && isSessionLoss(error) {
                guard ContinuousClock.now - started + pause <= openReconnectWindow else { throw error }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
    }

    /// The session or the server went away (connection failure, admin or crash shutdown, not yet accepting), as
    /// opposed to anything the statements themselves did.
    static func isSessionLoss(_ error: any Error) -> Bool {
        let database = (error as? DatabaseError) ?? ((error as? MigrationError)?.underlying as? DatabaseError)
        guard let code = database?.code else { return false }
        return code.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(code)
    }
}
