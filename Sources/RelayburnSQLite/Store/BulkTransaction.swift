import RelayburnLedger
import RelayburnSchema

/// Groups the appends of a bulk import into transactions of about two seconds each.
///
/// Each commit rewrites every index page the transaction touched into the WAL; with random-key indexes
/// (`id`, `fingerprint`) a 5000-record commit touches thousands of pages, so committing every 5000 records ran
/// at 60% of one transaction's speed here, every 20000 at 90%. Grouping by time rather than rows bounds how
/// long other writers wait for the lock (well under the 10 s busy timeout) whatever the batch contents. Every
/// batch still runs under its own savepoint, so a failing batch is undone alone.
///
/// The grouping belongs to the task that asked for it (and the tasks it starts): other writers of the store
/// commit on their own, first committing what the bulk transaction holds, so their append is durable when it
/// returns and never rides on an import's transaction.
final class BulkTransaction: @unchecked Sendable {
    /// The bulk transaction the current task's appends may join.
    @TaskLocal static var owner: ObjectIdentifier?

    // @unchecked Sendable: every member is read and written only inside `SQLiteDatabase.run` blocks, which the
    // connection's serial queue runs one at a time.
    var depth = 0
    private var open = false
    private var openedAt = ContinuousClock.now
    let groupDuration: Duration = .seconds(2)

    func write<T>(
        _ connection: SQLiteConnection, _ session: TransactionStatements, _ body: (SQLiteConnection) throws -> T
    ) throws -> T {
        if !open {
            try connection.execute(script: session.beginWrite)
            open = true
            openedAt = .now
        }
        try connection.execute(script: session.savepoint)
        let result: T
        do {
            result = try body(connection)
        } catch {
            try? connection.execute(script: session.rollbackToSavepoint)
            try? connection.execute(script: session.releaseSavepoint)
            throw error
        }
        try connection.execute(script: session.releaseSavepoint)
        if ContinuousClock.now - openedAt >= groupDuration { try commit(connection, session) }
        return result
    }

    /// Commits what the open transaction holds (every batch in it completed or was undone).
    func commit(_ connection: SQLiteConnection, _ session: TransactionStatements) throws {
        guard open else { return }
        open = false
        try connection.execute(script: session.commit)
    }
}

extension SQLiteStore {
    public func bulkAppending<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let bulk = self.bulk
        let session = self.session
        try await database.run { _ in bulk.depth += 1 }
        do {
            let result = try await BulkTransaction.$owner.withValue(ObjectIdentifier(bulk)) { try await body() }
            try await database.run { connection in
                bulk.depth -= 1
                if bulk.depth == 0 { try bulk.commit(connection, session) }
            }
            return result
        } catch {
            // Batches that returned are kept; only the failing one was undone.
            try? await database.run { connection in
                bulk.depth -= 1
                if bulk.depth == 0 { try bulk.commit(connection, session) }
            }
            throw error
        }
    }
}
