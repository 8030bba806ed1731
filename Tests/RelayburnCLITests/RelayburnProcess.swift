import Foundation
import RelayburnTestSupport

/// Runs the built `relayburn` binary as a real process, output captured in files so nothing blocks on a full
/// pipe, with a clean environment so the host's RELAYBURN_* settings never leak into a test.
struct RelayburnProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        if let override = ProcessInfo.processInfo.environment["RELAYBURN_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        // The test bundle lives in the same build folder as the products.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = bundle.appendingPathComponent("relayburn")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return bundle.deletingLastPathComponent().appendingPathComponent("relayburn")
    }

    /// Starts `relayburn arguments...`; call `wait()` on the handle.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Handle {
        try Handle(executable: binary, arguments: arguments, environment: environment)
    }

    /// Runs `relayburn arguments...` to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try start(arguments, environment: environment).wait()
    }

    /// Runs any program to completion (the external `sqlite3` and `psql` tools).
    static func runTool(_ path: String, _ arguments: [String], stdin: String? = nil) throws -> Result {
        try Handle(executable: URL(fileURLWithPath: path), arguments: arguments, environment: nil, stdin: stdin).wait()
    }

    /// ``runTool(_:_:stdin:)`` waited for on a thread of its own (``Handle/finished()``), for programs that run for
    /// seconds (a browser), so the wait does not hold one of the concurrency pool's few threads.
    static func runToolDetached(_ path: String, _ arguments: [String]) async throws -> Result {
        try await Handle(executable: URL(fileURLWithPath: path), arguments: arguments, environment: nil).finished()
    }

    // @unchecked Sendable: every stored property is set in init and never reassigned; Process may be waited on and
    // signalled from any thread.
    final class Handle: @unchecked Sendable {
        private let process = Process()
        private let outURL: URL
        private let errURL: URL

        init(executable: URL, arguments: [String], environment: [String: String]?, stdin: String? = nil) throws {
            let directory = try TemporaryDirectory.make()
            outURL = URL(fileURLWithPath: directory + "/stdout")
            errURL = URL(fileURLWithPath: directory + "/stderr")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.executableURL = executable
            process.arguments = arguments
            if let environment {
                var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": directory]
                base["RELAYBURN_HOME"] = directory + "/home"
                process.environment = base.merging(environment) { _, new in new }
            }
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            if let stdin {
                let inURL = URL(fileURLWithPath: directory + "/stdin")
                try stdin.write(to: inURL, atomically: true, encoding: .utf8)
                process.standardInput = try FileHandle(forReadingFrom: inURL)
            } else {
                process.standardInput = FileHandle.nullDevice
            }
            try process.run()
        }

        /// What the process has written to standard error so far.
        func stderrSoFar() -> String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

        /// What the process has written to standard output so far.
        func stdoutSoFar() -> String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

        /// What the process has written to standard output so far, in bytes.
        func stdoutBytesSoFar() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: outURL.path)[.size]) as? Int) ?? 0
        }

        /// Sends `signal` (SIGTERM for a graceful stop).
        func signal(_ signal: Int32) {
            Foundation.kill(process.processIdentifier, signal)
        }

        /// Sends SIGKILL, as a crash or an OOM kill would.
        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }

        /// ``wait()`` on a thread of its own, for long runs: a blocked wait on one of the few threads Swift's
        /// concurrency pool has (two on a 2-core runner) would starve every other test in the process meanwhile.
        func finished() async throws -> Result {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread { continuation.resume(with: Swift.Result { try self.wait() }) }
            }
        }

        /// Whether the process is still running.
        var isRunning: Bool { process.isRunning }

        func wait() throws -> Result {
            // Not Process.waitUntilExit: on Linux it spins its run loop, which has no sources here, and burns a
            // whole core for as long as the child runs (one of the two the suite has).
            while process.isRunning { usleep(2_000) }
            return Result(
                status: process.terminationStatus,
                stdout: try String(contentsOf: outURL, encoding: .utf8),
                stderr: try String(contentsOf: errURL, encoding: .utf8))
        }
    }
}
