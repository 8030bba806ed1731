import Foundation
import RelayburnTestSupport
import Testing

/// `relayburn server` and the `http` store, as real processes: end to end, crashes, resumed streams, keys.
@Suite struct ServerCommandTests {
    static var ingestFixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RelayburnIngestTests/Fixtures").path
    }

    @Test func ingestOverHTTPThenQueryAndSummaryMatchTheServersOwnStore() async throws {
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        let server = try ServerProcess.start(store: "sqlite:\(path)")
        defer { server.kill() }
        let ingest = try RelayburnProcess.run(["ingest", Self.ingestFixtures], environment: server.clientEnvironment)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        for arguments in [
            ["query", "turns"], ["query", "content"], ["summary", "--json"], ["summary", "--json", "--by", "model"],
        ] {
            let remote = try RelayburnProcess.run(arguments, environment: server.clientEnvironment)
            let direct = try RelayburnProcess.run(["--store", "sqlite:\(path)"] + arguments)
            #expect(remote.status == 0, "\(arguments): \(remote.stderr)")
            #expect(!remote.stdout.isEmpty)
            #expect(remote.stdout == direct.stdout, "\(arguments) over http is byte-identical")
        }
        let migrate = try RelayburnProcess.run(["migrate"], environment: server.clientEnvironment)
        #expect(migrate.status != 0)
        #expect(migrate.stderr.contains("the relayburn server migrates its own database"))
    }

    @Test func aServerKilledDuringAnHTTPImportLosesNothingAndTheImportFinishesByRetrying() async throws {
        let ledger = try LedgerFiles.write(0..<30_000)
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        var server = try ServerProcess.start(store: "sqlite:\(path)")
        let port = server.port
        let environment = server.clientEnvironment
        let importer = try RelayburnProcess.start(["import", ledger], environment: environment)
        // Kill once the server has acknowledged a few batches, then bring it back on the same port.
        let deadline = Date().addingTimeInterval(60)
        while server.handle.stdoutBytesSoFar() < 600 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        server.kill()
        try await Task.sleep(for: .milliseconds(300))
        server = try ServerProcess.start(store: "sqlite:\(path)", port: port)
        defer { server.kill() }
        let result = try importer.wait()
        #expect(result.status == 0, "\(result.stderr)")

        let directPath = try TemporaryDirectory.make() + "/direct.sqlite"
        #expect(try RelayburnProcess.run(["--store", "sqlite:\(directPath)", "import", ledger]).status == 0)
        let remote = try RelayburnProcess.run(["query", "turns"], environment: environment)
        let direct = try RelayburnProcess.run(["--store", "sqlite:\(directPath)", "query", "turns"])
        #expect(remote.stdout.split(separator: "\n").count == 30_000)
        #expect(remote.stdout == direct.stdout, "final rows exactly equal a direct import of the same file")
    }

    @Test func aStreamBrokenByAServerKillResumesFromItsCursorWithEveryRecordOnce() async throws {
        let ledger = try LedgerFiles.write(0..<60_000)
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        #expect(try RelayburnProcess.run(["--store", "sqlite:\(path)", "import", ledger]).status == 0)
        var server = try ServerProcess.start(store: "sqlite:\(path)")
        let port = server.port
        let reader = try RelayburnProcess.start(["query", "turns"], environment: server.clientEnvironment)
        let deadline = Date().addingTimeInterval(60)
        while reader.stdoutBytesSoFar() < 1 << 20 && Date() < deadline { try await Task.sleep(for: .milliseconds(2)) }
        server.kill()
        try await Task.sleep(for: .milliseconds(300))
        server = try ServerProcess.start(store: "sqlite:\(path)", port: port)
        defer { server.kill() }
        let result = try reader.wait()
        #expect(result.status == 0, "\(result.stderr)")
        let direct = try RelayburnProcess.run(["--store", "sqlite:\(path)", "query", "turns"])
        #expect(result.stdout.split(separator: "\n").count == 60_000)
        #expect(result.stdout == direct.stdout, "every record exactly once, in order")
    }

    @Test func keysAreCreatedListedRevokedAndAServerWithoutKeysRefusesToStart() async throws {
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        let store = ["--store", "sqlite:\(path)"]
        let refused = try RelayburnProcess.run(store + ["server", "--port", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("no API key is configured"))
        let created = try RelayburnProcess.run(store + ["keys", "create", "--name", "ci", "--scope", "write"])
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("rbk_"))
        let listed = try RelayburnProcess.run(store + ["keys", "list", "--json"])
        #expect(listed.stdout.contains(#""name":"ci""#))
        #expect(!listed.stdout.contains(key), "keys list never shows a key")
        let revoked = try RelayburnProcess.run(store + ["keys", "revoke", "ci"])
        #expect(revoked.status == 0)
        #expect(try RelayburnProcess.run(store + ["keys", "revoke", "ci"]).status == 1)
        #expect(try RelayburnProcess.run(store + ["keys", "list"]).stdout.contains("ci"))
    }
}

/// SIGTERM while appends arrive: every append either completes and is acknowledged, or is refused and stores
/// nothing, so the records stored are exactly those the access log acknowledged.
@Suite struct ServerShutdownTests {
    @Test func sigtermDuringAnImportStoresExactlyTheAcknowledgedAppends() async throws {
        let ledger = try LedgerFiles.write(0..<30_000)
        let path = try TemporaryDirectory.make() + "/burn.sqlite"
        let server = try ServerProcess.start(store: "sqlite:\(path)")
        var environment = server.clientEnvironment
        environment["RELAYBURN_HTTP_RETRY_BUDGET_MS"] = "1500"
        let importer = try RelayburnProcess.start(["import", ledger], environment: environment)
        let deadline = Date().addingTimeInterval(60)
        while server.handle.stdoutBytesSoFar() < 300 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(2))
        }
        server.handle.signal(SIGTERM)
        let stopped = try server.handle.wait()
        #expect(stopped.status == 0, "a graceful stop: \(stopped.stderr)")
        _ = try importer.wait()
        var acknowledged = 0
        for line in stopped.stdout.split(separator: "\n") where line.contains(#""route":"/v1/turns""#) {
            guard line.contains(#""status":200"#), let range = line.range(of: #""inserted":"#) else { continue }
            acknowledged += Int(line[range.upperBound...].prefix(while: \.isNumber)) ?? 0
        }
        let stored = try RelayburnProcess.run(["--store", "sqlite:\(path)", "summary", "--json"])
        #expect(
            stored.stdout.hasPrefix("{\"turns\":\(acknowledged),"),
            "stored \(stored.stdout.prefix(40)), acknowledged \(acknowledged)")
        #expect(acknowledged > 0)
    }
}
