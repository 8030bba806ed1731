import CSQLite
import Dispatch
public import RelayburnSchema
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A SQLite connection confined to its own serial queue, so its blocking calls never occupy Swift's shared
/// thread pool (GRDB's `DatabaseQueue` pattern).
public final class SQLiteDatabase: @unchecked Sendable {
    // @unchecked Sendable is sound: `connection` is only read and cleared inside blocks submitted to `queue`, a
    // serial queue, so no two threads ever touch it at once; `interruptHandle` is only passed to
    // sqlite3_interrupt, which SQLite documents as safe to call from any thread while the connection is open,
    // and only under `isOpen`'s lock, which `close()` takes before the handle is freed.
    private let queue: DispatchQueue
    private var connection: SQLiteConnection?
    private nonisolated(unsafe) let interruptHandle: OpaquePointer
    private let isOpen = Mutex(true)
    /// The database file (`:memory:` for a scratch database).
    public let path: String
    /// The busy timeout ordinary statements use.
    public let busyTimeoutMs: Int32

    private init(connection: SQLiteConnection, queue: DispatchQueue, busyTimeoutMs: Int32) {
        self.connection = connection
        self.queue = queue
        self.interruptHandle = connection.handle
        self.path = connection.path
        self.busyTimeoutMs = busyTimeoutMs
    }

    /// Opens the database at `path` (created if missing) in WAL mode.
    ///
    /// - Parameter configuration: The session template run first (`session/configure_sqlite` by default).
    /// - Throws: `DatabaseError` when the file cannot be opened or configured.
    public static func open(
        path: String, busyTimeoutMs: Int32 = 10_000, catalog: SchemaCatalog = .embedded,
        configuration: String = "session/configure_sqlite"
    ) async throws -> SQLiteDatabase {
        let queue = DispatchQueue(label: "relayburn.sqlite")
        let configure = try catalog.statement(configuration, for: .sqlite)
        let connection = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result {
                        UncheckedBox(try connect(path: path, busyTimeoutMs: busyTimeoutMs, configure: configure))
                    })
            }
        }
        return SQLiteDatabase(connection: connection.value, queue: queue, busyTimeoutMs: busyTimeoutMs)
    }

    /// ``open(path:busyTimeoutMs:catalog:configuration:)`` on the calling thread, for a synchronous caller that
    /// cannot afford the hop to the connection's thread and back (a command's no-op start-up). The database is
    /// the same: its later ``run(_:)`` calls run on its queue.
    public static func openBlocking(
        path: String, busyTimeoutMs: Int32 = 10_000, catalog: SchemaCatalog = .embedded,
        configuration: String = "session/configure_sqlite"
    ) throws -> SQLiteDatabase {
        let configure = try catalog.statement(configuration, for: .sqlite)
        let connection = try connect(path: path, busyTimeoutMs: busyTimeoutMs, configure: configure)
        return SQLiteDatabase(
            connection: connection, queue: DispatchQueue(label: "relayburn.sqlite"), busyTimeoutMs: busyTimeoutMs)
    }

    private static func connect(
        path: String, busyTimeoutMs: Int32, configure: RenderedStatement
    ) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, busyTimeoutMs: busyTimeoutMs)
        try configureRetryingBusy(connection, configure, timeoutMs: busyTimeoutMs)
        return connection
    }

    /// Runs `body` on the calling thread, after the operations queued before it and before any queued after
    /// (a synchronous dispatch on the connection's queue runs its block on the caller's thread). Blocks the
    /// caller for as long as `body` and SQLite take: for synchronous callers only, never on Swift's shared pool.
    ///
    /// - Throws: ``StoreClosedError`` after ``close()``; whatever `body` throws.
    public func runBlocking<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try queue.sync {
            guard let connection else { throw StoreClosedError(store: "the SQLite store") }
            return try body(connection)
        }
    }

    /// ``close()`` on the calling thread, once the operations queued before it have run.
    public func closeBlocking() {
        queue.sync {
            isOpen.withLock { $0 = false }
            connection = nil
        }
    }

    /// Runs `body` on the connection's queue; cancelling the task interrupts the running statement.
    ///
    /// - Throws: ``StoreClosedError`` after ``close()``; whatever `body` throws.
    public func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        let database = UncheckedBox(self)
        let handle = UncheckedBox(interruptHandle)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(
                        with: Result {
                            guard let connection = database.value.connection else {
                                throw StoreClosedError(store: "the SQLite store")
                            }
                            return try body(connection)
                        })
                }
            }
        } onCancel: {
            database.value.isOpen.withLock { open in if open { sqlite3_interrupt(handle.value) } }
        }
    }

    /// Releases `value` on the connection's queue after the operations queued before it, without waiting: for
    /// statements whose owner goes away outside the queue.
    func runDetached<Value>(_ value: UncheckedBox<Value>) {
        queue.async { _ = value }
    }

    /// Closes the connection once every operation queued before has run; later operations throw
    /// ``StoreClosedError``.
    public func close() async {
        let database = UncheckedBox(self)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                database.value.isOpen.withLock { $0 = false }
                database.value.connection = nil
                continuation.resume()
            }
        }
    }

    /// Switching to WAL needs a moment of exclusive access, which SQLite reports as busy without always
    /// consulting the busy handler when several processes open a new file at once; retry until the timeout.
    private static func configureRetryingBusy(
        _ connection: SQLiteConnection, _ configure: RenderedStatement, timeoutMs: Int32
    ) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(timeoutMs))
        while true {
            do {
                try connection.execute(script: configure)
                return
            } catch let error as DatabaseError where error.isBusy && clock.now < deadline {
                try? clock.sleepSynchronously(for: .milliseconds(5))
            }
        }
    }
}

/// Carries a value the compiler cannot prove Sendable across a queue hop.
///
/// Only used for values that stay confined to one serial queue (see ``SQLiteDatabase``).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension DatabaseError {
    /// SQLITE_BUSY or SQLITE_LOCKED with any extended code.
    var isBusy: Bool {
        guard let code = Int32(code) else { return false }
        return code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED
    }
}

extension ContinuousClock {
    /// Blocks the current (dedicated, never pooled) thread.
    func sleepSynchronously(for duration: Duration) throws {
        let components = duration.components
        var request = timespec(
            tv_sec: Int(components.seconds), tv_nsec: Int(components.attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 { request = remaining }
    }
}
