extension MigrationRunner {
    /// What one backfill transaction did.
    private enum BatchOutcome: Sendable {
        case batch(lastKey: String, batchMs: Int64)
        case finished(AppliedMigration?)
    }

    /// Runs a backfill's batches after its DDL has committed (DESIGN §5): each batch in its own short transaction
    /// under the migration lock — the batch's last key found, its rows filled, the key recorded — so a concurrent
    /// writer waits at most one batch, and a runner killed part-way is resumed after the last committed batch.
    /// The row is marked done, and its floors take effect, when a batch finds no rows left. `nil` when another
    /// runner finished it.
    func runBackfill(_ migration: Migration, _ statements: RunnerStatements) async throws -> AppliedMigration? {
        guard let section = migration.backfill else { return nil }
        let engine = catalog.engine(for: driver.dialect)
        let bound = try engine.render(section.boundSource)
        let fill = try engine.render(section.fillSource)
        var batches = 0
        let pauseMs = backfillPauseMs ?? (driver.dialect == .sqlite ? 50 : 0)
        while true {
            let outcome = try await driver.withMigrationTransaction(lockTimeoutMs: lockTimeoutMs) {
                [self] connection -> BatchOutcome in
                let applied = try connection.query(statements.read, bindings: []).map(AppliedMigration.init(row:))
                guard let row = applied.first(where: { $0.version == migration.version }), row.state == .backfilling
                else { return .finished(nil) }
                if driver.dialect == .postgres {
                    _ = try connection.query(statements.setTimeouts, bindings: timeoutBindings(statements.setTimeouts))
                }
                let clock = ContinuousClock()
                let started = clock.now
                let after = row.backfillAfter ?? ""
                do {
                    let batch = try connection.query(
                        bound,
                        bindings: bound.bindings([
                            "after": .text(after), "batch_size": .integer(Int64(section.batchSize)),
                        ])
                    ).first
                    guard let last = batch?.first?.textValue else {
                        return .finished(
                            try finish(migration, addingMs: (clock.now - started).milliseconds, connection, statements))
                    }
                    _ = try connection.query(
                        fill, bindings: fill.bindings(["after": .text(after), "last": .text(last)]))
                    // A short batch reached the end of the table. Finishing here, not one batch later, is what ends
                    // a backfill racing a writer whose new keys keep landing after the last one.
                    if let count = batch?.dropFirst().first?.integerValue, count < Int64(section.batchSize) {
                        return .finished(
                            try finish(migration, addingMs: (clock.now - started).milliseconds, connection, statements))
                    }
                    let batchMs = (clock.now - started).milliseconds
                    _ = try connection.query(
                        statements.recordProgress,
                        bindings: statements.recordProgress.bindings([
                            "version": .integer(Int64(migration.version)), "after": .text(last),
                            "execution_ms": .integer(batchMs),
                        ]))
                    return .batch(lastKey: last, batchMs: batchMs)
                } catch let error as DatabaseError {
                    throw MigrationError.migrationFailed(migration, error: error)
                }
            }
            switch outcome {
            case .finished(let record):
                return record
            case .batch(let lastKey, let batchMs):
                batches += 1
                onBackfillBatch?(
                    BackfillProgress(
                        version: migration.version, name: migration.name, batches: batches, lastKey: lastKey,
                        batchMs: batchMs))
                if pauseMs > 0 { try await Task.sleep(for: .milliseconds(pauseMs)) }
            }
        }
    }
}
