import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `relayburn lock` across real processes: holders never overlap, and a killed holder is taken over once its
    /// lease expires (docs/records.md section 8, conformance scenario 10's multi-process variant).
    @Suite struct LockCommandTests {
        /// Each holder reads a counter file, sleeps, and writes it back incremented: any overlap loses an increment.
        @Test(arguments: TestDatabase.enabledDialects)
        func tenConcurrentHoldersNeverOverlap(dialect: SQLDialect) async throws {
            let directory = try TemporaryDirectory.make()
            let store = try await TestDatabase.make(dialect).storeURL
            let counter = "\(directory)/counter"
            try "0".write(toFile: counter, atomically: true, encoding: .utf8)
            _ = try RelayburnProcess.run(["migrate", "--store", store])
            let script = "n=$(cat \(counter)); sleep 0.05; echo $((n + 1)) > \(counter)"
            let handles = try (0..<10).map { _ in
                try RelayburnProcess.start([
                    "lock", "counter", "--store", store, "--timeout", "60", "--", "/bin/sh", "-c", script,
                ])
            }
            for result in try handles.map({ try $0.wait() }) {
                #expect(result.status == 0, "\(result.stderr)")
            }
            let final = try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
            #expect(final == "10")
        }

        /// SQLite: the dead holder's lease expires; PostgreSQL: its connection dies and the server releases the
        /// transaction-scoped advisory lock.
        @Test(arguments: TestDatabase.enabledDialects)
        func killedHolderIsTakenOverAfterItsLease(dialect: SQLDialect) async throws {
            let directory = try TemporaryDirectory.make()
            let store = try await TestDatabase.make(dialect).storeURL
            let marker = "\(directory)/holding"
            _ = try RelayburnProcess.run(["migrate", "--store", store])
            let holder = try RelayburnProcess.start(
                [
                    "lock", "ingest", "--lease", "5", "--store", store, "--", "/bin/sh", "-c",
                    "touch \(marker); exec sleep 20",
                ])
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: marker) && Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(FileManager.default.fileExists(atPath: marker))
            // While the holder lives, the lock is refused with a message naming it.
            let refused = try RelayburnProcess.run([
                "lock", "ingest", "--timeout", "0.3", "--store", store, "--", "/bin/true",
            ])
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("relayburn: timed out after "))
            #expect(refused.stderr.contains("waiting for lock \"ingest\"; it is held by "))
            if dialect == .postgres { #expect(refused.stderr.contains("(server pid ")) }
            holder.kill()
            let killedAt = Date()
            // The dead holder stops renewing; once its five-second lease (long enough that a loaded machine still
            // renews in time) expires the next holder gets in, while the orphaned command (sleep 20) still runs.
            let next = try RelayburnProcess.run([
                "lock", "ingest", "--timeout", "15", "--store", store, "--", "/bin/true",
            ])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(Date().timeIntervalSince(killedAt) < 15)
        }

        @Test func commandStatusIsPassedThrough() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            let failing = try RelayburnProcess.run(["lock", "x", "--store", store, "--", "/bin/sh", "-c", "exit 7"])
            #expect(failing.status == 7)
            #expect(failing.stderr == "relayburn: /bin/sh exited with status 7\n")
            let missing = try RelayburnProcess.run(["lock", "x", "--store", store])
            #expect(missing.status == 2)
        }
    }
}
