#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command as a child process and waits for it (posix_spawnp; Foundation is not linked).
enum ChildProcess {
    /// The child's exit status, or 128 + signal when a signal ended it.
    ///
    /// - Throws: `CommandFailure` when the command cannot be started.
    static func run(_ arguments: [String]) throws -> Int32 {
        var pid = pid_t()
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let status = posix_spawnp(&pid, arguments[0], nil, nil, cArguments, environ)
        guard status == 0 else {
            throw CommandFailure.failure("cannot run \(arguments[0]): \(String(cString: strerror(status)))")
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
        let signal = waitStatus & 0x7f
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal
    }
}
