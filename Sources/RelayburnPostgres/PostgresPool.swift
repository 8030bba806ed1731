public import RelayburnSchema

/// A bounded set of PostgreSQL sessions shared by one store's operations.
///
/// Sessions are opened on demand up to ``size``. A session that sat idle longer than ``idleCheckAfter`` is
/// pinged before use; one that breaks (server restart, `pg_terminate_backend`, network loss) is dropped and, for
/// operations marked retryable, replaced and the operation run again (up to twice more); a deadlock victim or a
/// serialization failure is retried the same way. Every ledger operation is retryable:
/// a write is one transaction that the server rolled back with the session, and its inserts are idempotent.
public final class PostgresPool: Sendable {
    /// The most sessions open at once.
    public let size: Int
    /// How long a session may sit unused before it is pinged on checkout.
    public let idleCheckAfter: Duration
    private let connect: @Sendable () async throws -> PostgresDatabase
    private let ping: RenderedStatement
    private let slots: Slots

    /// Creates a pool; no session is opened until the first operation.
    ///
    /// - Parameters:
    ///   - size: The most sessions open at once (at least 1).
    ///   - catalog: Where the ping statement comes from.
    ///   - connect: Opens and configures one session.
    public init(
        size: Int, catalog: SchemaCatalog, idleCheckAfter: Duration = .seconds(30),
        connect: @escaping @Sendable () async throws -> PostgresDatabase
    ) throws {
        self.size = max(1, size)
        self.idleCheckAfter = idleCheckAfter
        self.connect = connect
        ping = try catalog.statement("session/ping", for: .postgres)
        slots = Slots(size: max(1, size))
    }

    /// Adds an already open session (e.g. the one that just migrated the schema) to the idle set; it counts
    /// against ``size``.
    public func adopt(_ database: PostgresDatabase) async {
        await slots.adopt(database)
    }

    /// Runs `body` on a pooled session.
    ///
    /// - Parameters:
    ///   - retrying: When the session breaks during `body` (or the server picked it as a deadlock victim), run
    ///     `body` again, up to twice, on a healthy session. Only for
    ///     work that is safe to repeat (a transaction the server rolled back, an idempotent statement).
    ///   - body: Runs on the session's queue.
    /// - Throws: `body`'s error, or `DatabaseError` when no session can be opened.
    public func run<T: Sendable>(
        retrying: Bool = true, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        var attempts = 0
        while true {
            attempts += 1
            let database = try await checkout()
            do {
                let result = try await database.run(body)
                await slots.checkin(database)
                return result
            } catch {
                let healthy = (try? await database.run { $0.isHealthy }) ?? false
                await giveBack(database, healthy: healthy)
                // A deadlock victim or serialization failure was rolled back whole, like a dropped session.
                let transient = ["40P01", "40001"].contains((error as? DatabaseError)?.code ?? "")
                guard !healthy || transient, retrying, attempts <= 2, !Task.isCancelled else { throw error }
            }
        }
    }

    /// Takes a session for work spanning several calls (a streamed query) when one is free now and another
    /// would still be left for everything else; `nil` otherwise. Hand it back with ``giveBack(_:healthy:)``.
    ///
    /// Leasing never waits and never takes the last session, so code that writes to the store while it
    /// iterates a stream of that store cannot wait on itself.
    public func leaseIfSpare() async throws -> PostgresDatabase? {
        guard let reservation = await slots.reserveIfSpare(idleLongerThan: idleCheckAfter) else { return nil }
        return try await session(for: reservation)
    }

    /// Returns a leased session: to the idle set when it is healthy and idle, else closes it.
    public func giveBack(_ database: PostgresDatabase, healthy: Bool) async {
        if healthy { await slots.checkin(database) } else { await slots.discard() }
    }

    /// A healthy session: an idle one (pinged if it sat long), else a new one when there is room, else the
    /// next one released.
    private func checkout() async throws -> PostgresDatabase {
        while true {
            if let database = try await session(for: await slots.reserve(idleLongerThan: idleCheckAfter)) {
                return database
            }
        }
    }

    /// The session a reservation stands for: the idle one if it answers its ping (else its slot is given up
    /// and `nil` returned), or a newly opened one in a free slot.
    private func session(for reservation: Slots.Reservation) async throws -> PostgresDatabase? {
        switch reservation {
        case .idle(let database, let needsPing):
            guard needsPing else { return database }
            let ping = self.ping
            if (try? await database.run({ try $0.execute(script: ping) })) != nil { return database }
            await slots.discard()
            return nil
        case .room:
            do {
                return try await connect()
            } catch {
                await slots.discard()
                throw error
            }
        }
    }
}

/// The pool's bookkeeping: idle sessions, how many are open, and who waits for one.
fileprivate actor Slots {
    enum Reservation {
        case idle(PostgresDatabase, needsPing: Bool)
        /// A slot is free: the caller opens a session in it (or gives it back with ``discard()``).
        case room
    }

    let size: Int
    private var idle: [(database: PostgresDatabase, since: ContinuousClock.Instant)] = []
    private var open = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(size: Int) {
        self.size = size
    }

    func reserve(idleLongerThan limit: Duration) async -> Reservation {
        while true {
            if let reservation = take(idleLongerThan: limit) { return reservation }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// A reservation only when at least two sessions are free (idle or not yet opened).
    func reserveIfSpare(idleLongerThan limit: Duration) -> Reservation? {
        guard idle.count + (size - open) >= 2 else { return nil }
        return take(idleLongerThan: limit)
    }

    /// The most recently used idle session, else a free slot, else nothing.
    private func take(idleLongerThan limit: Duration) -> Reservation? {
        if let last = idle.popLast() {
            return .idle(last.database, needsPing: ContinuousClock.now - last.since > limit)
        }
        guard open < size else { return nil }
        open += 1
        return .room
    }

    func adopt(_ database: PostgresDatabase) {
        guard open < size else { return }
        open += 1
        idle.append((database, ContinuousClock.now))
    }

    /// Returns a healthy session to the idle set.
    func checkin(_ database: PostgresDatabase) {
        idle.append((database, ContinuousClock.now))
        wakeOne()
    }

    /// Gives up a reserved slot whose session broke or never opened.
    func discard() {
        open -= 1
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
