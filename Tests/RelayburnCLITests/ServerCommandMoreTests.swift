import Foundation
import RelayburnSchema
import RelayburnTestSupport
import Testing

/// The rest of the commands over http, and leases across two real server processes on one PostgreSQL.
@Suite struct ServerCommandMoreTests {
    @Test func stampCopyAndLockWorkOverHTTP() async throws {
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        let server = try ServerProcess.start(store: "sqlite:\(path)")
        defer { server.kill() }
        let http = server.clientEnvironment
        #expect(try RelayburnProcess.run(["import", LedgerFiles.fixture], environment: http).status == 0)
        let stamp = try RelayburnProcess.run(["stamp", "--session", "s-2", "tier=gold"], environment: http)
        #expect(stamp.status == 0, "\(stamp.stderr)")
        let gold = try RelayburnProcess.run(["query", "turns", "--enrichment", "tier=gold"], environment: http)
        #expect(gold.stdout.split(separator: "\n").count == 1)
        #expect(gold.stdout.contains(#""tier":"gold""#))

        // copy from the server to a local file, and from a local file to the server: idempotent both ways.
        let local = "sqlite:" + (try TemporaryDirectory.make()) + "/copy.sqlite"
        let out = try RelayburnProcess.run(["copy", "--to", local], environment: http)
        #expect(out.status == 0, "\(out.stderr)")
        let back = try RelayburnProcess.run(
            ["--store", local, "copy", "--to", server.url], environment: ["RELAYBURN_API_KEY": ServerProcess.key])
        #expect(back.status == 0, "\(back.stderr)")
        let remote = try RelayburnProcess.run(["query", "turns"], environment: http)
        let copied = try RelayburnProcess.run(["--store", local, "query", "turns"])
        #expect(remote.stdout == copied.stdout)

        let locked = try RelayburnProcess.run(["lock", "nightly", "--", "/bin/sh", "-c", "exit 7"], environment: http)
        #expect(locked.status == 7, "the command ran under the lease: \(locked.stderr)")
        let schema = try RelayburnProcess.run(["schema", "diff"], environment: http)
        #expect(schema.status != 0)
        #expect(schema.stderr.contains("the relayburn server migrates its own database"))
    }

    @Test(.enabled(if: TestDatabase.postgresEnabled))
    func lockHoldersThroughTwoServerProcessesOnOnePostgresNeverOverlap() async throws {
        let database = try await TestDatabase.make(.postgres)
        let servers = [
            try ServerProcess.start(store: database.storeURL), try ServerProcess.start(store: database.storeURL),
        ]
        defer { for server in servers { server.kill() } }
        let directory = try TemporaryDirectory.make()
        let counter = directory + "/counter"
        try "0".write(toFile: counter, atomically: true, encoding: .utf8)
        // Read, pause, write: any two holders inside at once would lose an increment.
        let script = "n=$(cat \(counter)); sleep 0.05; echo $((n + 1)) > \(counter)"
        let holders = try (0..<8).map { index in
            try RelayburnProcess.start(
                ["lock", "shared-counter", "--timeout", "120", "--", "/bin/sh", "-c", script],
                environment: servers[index % 2].clientEnvironment)
        }
        for holder in holders {
            let result = try holder.wait()
            #expect(result.status == 0, "\(result.stderr)")
        }
        let final = try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(final == "8", "a shared counter incremented under the lease by 8 clients through 2 servers ends exact")
    }
}
