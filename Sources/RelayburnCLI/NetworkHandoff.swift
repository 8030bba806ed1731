public import RelayburnLedger
public import RelayburnSchema
public import RelayburnWire

#if canImport(Glibc)
    import Glibc
#endif

/// Where the network stack lives. The `relayburn` binary links no NIO, AsyncHTTPClient or Hummingbird, so every
/// SQLite and PostgreSQL command starts as fast as before the server existed (BENCHMARKS.md); an invocation that
/// needs them (`server`, or any command on an `http` store) replaces the process with `relayburn-net`, the same
/// CLI with the server and the http store registered, installed beside it.
public enum NetworkHandoff {
    /// Runs the collector over an open store until SIGTERM; registered by `relayburn-net`.
    public typealias ServerRunner =
        @Sendable (ServerSettings, any StorageAdapter, @escaping @Sendable (Int) async -> Void) async throws -> Void

    /// The registered server, if this process has one.
    public static let serverRunner = LockedValue<ServerRunner?>(nil)

    /// The executable that carries the network stack, beside this one.
    static let executableName = "relayburn-net"

    /// Replaces this process with `relayburn-net` and the same arguments and environment.
    ///
    /// - Throws: ``CommandFailure`` naming the expected path when it is missing or cannot run.
    static func handOff() throws -> Never {
        let target = siblingPath()
        var arguments = CommandLine.arguments
        arguments[0] = target
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        execv(target, pointers)
        let reason = String(cString: strerror(errno))
        throw CommandFailure.failure(
            "the server and the http store are in \(executableName), which should be installed beside this binary "
                + "at \(target) (\(reason)); install both executables")
    }

    /// `DIR/relayburn-net` for the directory this executable was started from.
    static func siblingPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let own =
            length > 0
            ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : CommandLine.arguments[0]
        let directory = own.lastIndex(of: "/").map { String(own[..<$0]) } ?? "."
        return directory + "/" + executableName
    }
}
