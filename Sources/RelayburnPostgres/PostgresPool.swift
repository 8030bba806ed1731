public import RelayburnSchema
import Synchronization

/// A bounded set of PostgreSQL sessions shared by one store's operations.
///
/// Sessions are opened on demand up to ``size``. A session that sat idle longer than ``idleCheckAfter`` is
/// pinged before use; one that breaks (server restart, `pg_terminate_backend`, network loss) is dropped and, for
/// operations marked retryable, replaced and the operation run again (up to twice more); a deadlock victim or a
/// serialization failure is retried the same way. Every ledger operation is retryable:
/// a write is one transaction that the server rolled back with the session, and its inserts are idempotent.
///
/// A broken session usually means the server restarted, so the idle sessions are pinged before their next use,
/// and a pool that has connected before keeps trying to reconnect for ``reconnectWindow`` (a
/// `pg_ctl restart -m fast` takes a second or two) before it reports the server unreachable. A pool that never
/// connected fails at once: a wrong URL is not worth waiting for.
public final class PostgresPool: Sendable {
    /// The most sessions open at once.
    public let size: Int
    /// How long a session may sit unused before it is pinged on checkout.
    public let idleCheckAfter: Duration
    /// How long a pool that has connected before keeps retrying a refused connection.
    public let reconnectWindow: Duration
    private let hasConnected = Atomic<Bool>(false)
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
        reconnectWindow: Duration = .seconds(15),
        connect: @escaping @Sendable () async throws -> PostgresDatabase
    ) throws {
        self.size = max(1, size)
        self.idleCheckAfter = idleCheckAfter
        self.reconnectWindow = reconnectWindow
        self.connect = connect
        ping = try catalog.statement("session/ping", for: .postgres)
        slots = Slots(size: max(1, size))
    }

    /// Closes every idle session and refuses further work: callers waiting for a session, and any that ask
    /// later, get ``StoreClosedError``. Sessions in use close when their holders give them back.
    public func close() async {
        await slots.close()
    }

    /// Adds an already open session (e.g. the one that just migrated the schema) to the idle set; it counts
    /// against ``size``.
    public func adopt(_ database: PostgresDatabase) async {
        hasConnected.store(true, ordering: .relaxed)
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
        guard let reservation = try await slots.reserveIfSpare(idleLongerThan: idleCheckAfter) else { return nil }
        return try await session(for: reservation)
    }

    /// How many callers are waiting for a session right now (for metrics and tests).
    public var waiting: Int {
        get async { await slots.waitingCount }
    }

    /// Takes a session for work spanning several calls, waiting for one when all are in use. Hand it back with
    /// ``giveBack(_:healthy:)``.
    ///
    /// - Throws: ``StoreClosedError``, `CancellationError`, or `DatabaseError` when no session can be opened.
    public func lease() async throws -> PostgresDatabase {
        try await checkout()
    }

    /// ``lease()``, but waiting at most `limit` for a session to come free; `nil` when none did.
    public func lease(waitingAtMost limit: Duration) async throws -> PostgresDatabase? {
        let deadline = ContinuousClock.now + limit
        do {
            return try await checkout(deadline: deadline)
        } catch is PoolWaitExpired {
            return nil
        }
    }

    /// Returns a leased session: to the idle set when it is healthy and idle, else closes it.
    public func giveBack(_ database: PostgresDatabase, healthy: Bool) async {
        if healthy {
            await slots.checkin(database)
        } else {
            await slots.discard()
            await slots.suspectIdle()
        }
    }

    /// A healthy session: an idle one (pinged if it sat long), else a new one when there is room, else the
    /// next one released.
    private func checkout(deadline: ContinuousClock.Instant? = nil) async throws -> PostgresDatabase {
        while true {
            let reservation = try await slots.reserve(idleLongerThan: idleCheckAfter, deadline: deadline)
            if let database = try await session(for: reservation) {
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
                return try await openSession()
            } catch {
                await slots.discard()
                throw error
            }
        }
    }

    /// A new session; while the server refuses connections (restarting, shutting down, not yet accepting), retried
    /// with backoff for ``reconnectWindow`` if this pool has connected before.
    private func openSession() async throws -> PostgresDatabase {
        let started = ContinuousClock.now
        var pause = Duration.milliseconds(100)
        while true {
            do {
                let database = try await connect()
                hasConnected.store(true, ordering: .relaxed)
                return database
            } catch let error as DatabaseError where error.code.hasPrefix("08") || error.code == "57P03" {
                guard hasConnected.load(ordering: .relaxed), ContinuousClock.now - started + pause <= reconnectWindow
                else { throw error }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
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
    /// Callers waiting for a session, first come first served, by ticket.
    private var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextTicket: UInt64 = 0
    private var closed = false
    /// When a session was last found broken: idle sessions checked in before then are pinged before use.
    private var suspectedAt: ContinuousClock.Instant?

    init(size: Int) {
        self.size = size
    }

    /// A session or a free slot, waiting for one when all are in use.
    ///
    /// - Throws: ``StoreClosedError`` when the pool is or gets closed; `CancellationError` when the waiting task
    ///   is cancelled (its place in line is given up, so the pool stays usable); ``PoolWaitExpired`` once
    ///   `deadline` passes with nothing free.
    func reserve(idleLongerThan limit: Duration, deadline: ContinuousClock.Instant? = nil) async throws -> Reservation {
        while true {
            if closed { throw StoreClosedError(store: "the PostgreSQL store") }
            if let reservation = take(idleLongerThan: limit) { return reservation }
            if let deadline, deadline <= .now { throw PoolWaitExpired() }
            nextTicket += 1
            let ticket = nextTicket
            let expiry = deadline.map { deadline in
                Task {
                    try await Task.sleep(until: deadline)
                    self.expireWaiter(ticket)
                }
            }
            defer { expiry?.cancel() }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        waiters.append((ticket, continuation))
                    }
                }
            } onCancel: {
                Task { await self.cancelWaiter(ticket) }
            }
        }
    }

    var waitingCount: Int { waiters.count }

    private func cancelWaiter(_ ticket: UInt64) {
        guard let position = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: position).continuation.resume(throwing: CancellationError())
    }

    private func expireWaiter(_ ticket: UInt64) {
        guard let position = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: position).continuation.resume(throwing: PoolWaitExpired())
    }

    /// A reservation only when at least two sessions are free (idle or not yet opened).
    func reserveIfSpare(idleLongerThan limit: Duration) throws -> Reservation? {
        if closed { throw StoreClosedError(store: "the PostgreSQL store") }
        guard idle.count + (size - open) >= 2 else { return nil }
        return take(idleLongerThan: limit)
    }

    /// Drops the idle sessions (closing them) and wakes every waiter with ``StoreClosedError``.
    func close() {
        closed = true
        open -= idle.count
        idle.removeAll()
        for waiter in waiters { waiter.continuation.resume(throwing: StoreClosedError(store: "the PostgreSQL store")) }
        waiters.removeAll()
    }

    /// The most recently used idle session, else a free slot, else nothing.
    private func take(idleLongerThan limit: Duration) -> Reservation? {
        if let last = idle.popLast() {
            let suspect = suspectedAt.map { last.since <= $0 } ?? false
            return .idle(last.database, needsPing: suspect || ContinuousClock.now - last.since > limit)
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

    /// Returns a healthy session to the idle set (or closes it, once the pool is closed).
    func checkin(_ database: PostgresDatabase) {
        guard !closed else {
            open -= 1
            return
        }
        idle.append((database, ContinuousClock.now))
        wakeOne()
    }

    /// Marks every idle session for a ping before its next use: one broke, so the server may have dropped them all.
    func suspectIdle() {
        suspectedAt = .now
    }

    /// Gives up a reserved slot whose session broke or never opened.
    func discard() {
        open -= 1
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().continuation.resume() }
    }
}

/// A bounded wait for a session ended with none free (internal: ``PostgresPool/lease(waitingAtMost:)`` returns nil).
struct PoolWaitExpired: Error {}
