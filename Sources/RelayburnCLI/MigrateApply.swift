import RelayburnSchema
import RelayburnStore

/// The work of `relayburn migrate [apply]`, apart from parsing it: ``MigrateApplyCommand`` (ArgumentParser)
/// and ``HotCommandLine`` (the hand-written recogniser for the invocations every hook runs) both build one
/// and run it, so the two parsers cannot drift apart in what the command does or prints.
struct MigrateApply {
    /// `--store`, the command's own else the one before the command; `nil` defers to the environment.
    var store: String?
    var dryRun = false
    var to: Int?
    var lockTimeout: Double = 60
    /// `--table-lock-timeout`, else `RELAYBURN_TABLE_LOCK_TIMEOUT_MS`, else the runner's 2 s.
    var tableLockTimeoutMs: Int64?
    /// `--contract`: apply migrations that cut off recently seen hosts.
    var contract = false
    var json = false

    func run() async throws {
        let context = try CommandContext(store: store)
        try await context.withDriver { driver in
            try await migrate(driver, context: context)
        }
    }

    /// The no-op answered without Swift's concurrency runtime (``StoreConnector/noOpMigration(_:to:catalog:)``):
    /// `nil` when it was, and the report is printed; otherwise the work left for the runner, on the connection
    /// already open when there is one.
    func runNoOp() throws -> (@Sendable () async throws -> Void)? {
        guard !dryRun, !contract else { return { try await run() } }
        let context = try CommandContext(store: store)
        let outcome: NoOpMigration
        do {
            outcome = try StoreConnector.noOpMigration(context.settings, to: to)
        } catch {
            throw CommandFailure.failure(CommandContext.sentence(for: error))
        }
        switch outcome {
        case .upToDate(let report):
            printReport(report, context: context)
            return nil
        case .needsRunner(let driver):
            return { try await context.withDriver(driver) { try await migrate($0, context: context) } }
        case .notOpened:
            return { try await run() }
        }
    }

    private func migrate(_ driver: some MigrationDriver, context: CommandContext) async throws {
        var runner = MigrationRunner(driver: driver, appliedBy: context.identity)
        runner.lockTimeoutMs = Int64(lockTimeout * 1000)
        runner.allowContract = contract
        runner.relayburnVersion = context.settings.relayburnVersion
        if !json {
            // A backfill over a large table takes minutes: say where it is, once per batch, on stderr.
            runner.onBackfillBatch = { progress in
                Console.error(
                    "backfilling \(Migration.label(version: progress.version, name: progress.name)): batch "
                        + "\(progress.batches) done in \(progress.batchMs) ms, up to key \(progress.lastKey)")
            }
        }
        if let tableLock = tableLockTimeoutMs ?? context.settings.tableLockTimeoutMs {
            runner.tableLockTimeoutMs = tableLock
        }
        if dryRun {
            let pending = try await runner.pending(to: to)
            if pending.isEmpty {
                Console.out("-- nothing to apply: \(context.location.redactedDescription) is up to date")
            }
            for (migration, sql) in pending {
                Console.out("-- migration \(migration.label) (checksum \(migration.checksum))")
                Console.out(sql.sql)
            }
            return
        }
        printReport(try await runner.migrate(to: to), context: context)
    }

    private func printReport(_ report: MigrationReport, context: CommandContext) {
        if json {
            let applied = report.applied.map { row in
                JSONText.object([
                    ("version", String(row.version)), ("name", JSONText.string(row.name)),
                    ("executionMs", String(row.executionMs)),
                ])
            }
            Console.out(
                JSONText.object([
                    ("applied", JSONText.array(applied)), ("currentVersion", String(report.currentVersion)),
                ]))
            return
        }
        for row in report.applied {
            Console.out("applied \(Migration.label(version: row.version, name: row.name)) in \(row.executionMs) ms")
        }
        let where_ = context.location.redactedDescription
        if report.applied.isEmpty {
            Console.out("\(where_) is up to date at version \(report.currentVersion)")
        } else {
            Console.out("\(where_) is now at version \(report.currentVersion)")
        }
    }
}
