import CLibPQ
import Dispatch
public import RelayburnSchema

/// A PostgreSQL connection confined to its own serial queue, so blocking libpq calls never occupy Swift's
/// shared thread pool; cancelling a task sends `PQcancel` to the server.
public final class PostgresDatabase: @unchecked Sendable {
    // @unchecked Sendable is sound: `connection` is only used inside blocks submitted to `queue`, a serial
    // queue; `cancelHandle` is only read by PQgetCancel, which libpq documents as safe to call from another
    // thread for exactly this purpose.
    private let queue: DispatchQueue
    private let connection: PostgresConnection
    private nonisolated(unsafe) let cancelHandle: OpaquePointer

    private init(connection: PostgresConnection, queue: DispatchQueue) {
        self.connection = connection
        self.queue = queue
        self.cancelHandle = connection.handle
    }

    /// Connects with the user's connection string, passed to libpq as is, and configures the session
    /// (templates/session/configure_postgres.sql, as startup options where it can; see ``PostgresConnection``).
    ///
    /// - Throws: `DatabaseError` when the connection or its configuration fails.
    public static func connect(
        conninfo: String, applicationName: String = "relayburn", catalog: SchemaCatalog = .embedded
    ) async throws -> PostgresDatabase {
        let queue = DispatchQueue(label: "relayburn.postgres")
        let session = try PostgresSessionSetup(script: catalog.statement("session/configure_postgres", for: .postgres))
        let box = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(
                    with: Result {
                        let connection = try PostgresConnection(
                            conninfo: conninfo, applicationName: applicationName, session: session)
                        return ConnectionBox(connection: connection)
                    })
            }
        }
        return PostgresDatabase(connection: box.connection, queue: queue)
    }

    /// ``connect(conninfo:applicationName:catalog:)`` on the calling thread, for a synchronous caller that cannot
    /// afford the hop to the connection's thread and back (a command's no-op start-up). Later ``run(_:)`` calls run
    /// on the database's queue as usual.
    public static func connectBlocking(
        conninfo: String, applicationName: String = "relayburn", catalog: SchemaCatalog = .embedded
    ) throws -> PostgresDatabase {
        let session = try PostgresSessionSetup(script: catalog.statement("session/configure_postgres", for: .postgres))
        let connection = try PostgresConnection(conninfo: conninfo, applicationName: applicationName, session: session)
        return PostgresDatabase(connection: connection, queue: DispatchQueue(label: "relayburn.postgres"))
    }

    /// Runs `body` on the calling thread, after the operations queued before it (a synchronous dispatch on the
    /// connection's queue runs its block on the caller's thread). For synchronous callers only, never on Swift's
    /// shared pool: it blocks for as long as the server takes.
    public func runBlocking<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try queue.sync { try body(connection) }
    }

    /// Runs `body` on the connection's queue.
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let box = ConnectionBox(connection: connection)
        let cancel = HandleBox(handle: cancelHandle)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try body(box.connection) }) }
            }
        } onCancel: {
            PostgresConnection.cancel(cancel.handle)
        }
    }
}

/// Moves the connection onto its queue; it is never used anywhere else (see ``PostgresDatabase``).
private struct ConnectionBox: @unchecked Sendable {
    let connection: PostgresConnection
}

/// PQgetCancel is documented as safe to call from a thread other than the connection's.
private struct HandleBox: @unchecked Sendable {
    let handle: OpaquePointer
}
