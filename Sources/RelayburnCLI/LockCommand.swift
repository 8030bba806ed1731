import ArgumentParser
import RelayburnLedger
import RelayburnStore

/// `relayburn lock NAME [--timeout S] [--lease S] -- COMMAND [ARG...]`: run a command holding a named lock.
struct LockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Run a command while holding a named lock of the store, excluding every other holder.",
        discussion: """
            The lock spans processes and hosts sharing the store (docs/records.md section 8). On SQLite it is a \
            leased row renewed while the command runs; a holder that is killed stops renewing and is taken \
            over once its lease expires. Exits with the command's status.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The lock's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Seconds to wait for the lock before giving up.", valueName: "seconds"))
    var timeout: Double = 60

    @Option(help: ArgumentHelp("Seconds a lease lasts without renewal (SQLite).", valueName: "seconds"))
    var lease: Double = 30

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command to run.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("give the command to run after --") }
        if !(timeout >= 0) { throw ValidationError("--timeout must be 0 or more seconds") }
        if !(lease > 0) { throw ValidationError("--lease must be a positive number of seconds") }
    }

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let name = self.name
        let command = self.command
        let status = try await context.withStore(lockLeaseMs: Int64(lease * 1000)) { store in
            try await store.withLock(name, timeoutMs: Int64(timeout * 1000)) {
                try ChildProcess.run(command)
            }
        }
        if status != 0 { throw CommandFailure(message: "\(command[0]) exited with status \(status)", status: status) }
    }
}
