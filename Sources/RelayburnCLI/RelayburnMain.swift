import ArgumentParser
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Entry point: parses (the hot invocations by hand, see ``HotCommandLine``; everything else with
/// ArgumentParser), runs, and maps every outcome onto DESIGN §7's exit statuses (0 success, 1 failure, 2 usage
/// error) with one sentence on stderr. ArgumentParser's own usage status is 64, so it is remapped here.
public enum RelayburnMain {
    /// Runs the command line of this process and exits with its status.
    ///
    /// Synchronous on purpose: `--version`, a no-op `migrate` and an unfiltered `query` of a small kind on SQLite
    /// finish on the main thread without starting Swift's concurrency runtime (its threads and the async main's
    /// queue drain cost ~1 ms of a 5 ms budget, DESIGN §5). Everything else runs in a task while the main thread
    /// serves the main queue.
    public static func run() -> Never {
        var remainder: (@Sendable () async throws -> Void)?
        do {
            if let hot = HotCommandLine(Array(CommandLine.arguments.dropFirst())) {
                remainder = try hot.runSynchronously()
                if remainder == nil { exit(0) }
            }
        } catch {
            fail(with: error)
        }
        Task {
            await main(remainder)
            exit(0)
        }
        dispatchMain()
    }

    /// `hotRemainder`: what a hand-parsed command left to run asynchronously; `nil` for ArgumentParser to parse.
    private static func main(_ hotRemainder: (@Sendable () async throws -> Void)?) async {
        do {
            if let hotRemainder {
                try await hotRemainder()
                return
            }
            var command = try Relayburn.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fail(with: error)
        }
    }

    /// Reports `error` in one sentence and exits with its status.
    private static func fail(with error: any Error) -> Never {
        if let failure = error as? CommandFailure {
            Console.error(failure.message)
            exit(failure.status)
        }
        let status = Relayburn.exitCode(for: error)
        if status == .success {
            // --help and --version are reported through errors too.
            print(Relayburn.fullMessage(for: error))
            exit(0)
        }
        let message = Relayburn.message(for: error)
        if status.rawValue == 64 || status == .validationFailure {
            Console.error(message)
            Console.error("Run 'relayburn --help' for usage.")
            exit(2)
        }
        Console.error(message.isEmpty ? String(describing: error) : message)
        exit(1)
    }
}

/// A failure already phrased for the user, with the exit status it deserves.
struct CommandFailure: Error {
    let message: String
    let status: Int32

    static func failure(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 1) }
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 2) }
}
