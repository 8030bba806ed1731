// relayburn-test-migrator: the migration runner in a process of its own, with the embedded migrations plus test
// migrations read from a directory, so tests can `kill -9` a runner in the middle of a migration that the real
// binary does not have. Test harness only; not installed.
//
//     relayburn-test-migrator STORE MIGRATIONS_DIR [--table-lock-timeout MS] [--lock-wait MS] [--backfill-pause MS]
//
// STORE is sqlite:PATH or a PostgreSQL URL. Prints one line per committed backfill batch and `done VERSION` at
// the end, flushed at once so a test can watch it; exits 1 with the error on stderr.
import Foundation
import RelayburnPostgres
import RelayburnSQLite
import RelayburnSchema

/// Written straight to the descriptor, so a test watching the output sees each line at once.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("relayburn-test-migrator: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var parsed: [String: Int64] = [:]
while let flag = arguments.firstIndex(where: { $0.hasPrefix("--") }) {
    guard arguments.indices.contains(flag + 1), let value = Int64(arguments[flag + 1]) else {
        fail("\(arguments[flag]) takes a number of milliseconds")
    }
    parsed[arguments[flag]] = value
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count == 2 else {
    fail("usage: relayburn-test-migrator STORE MIGRATIONS_DIR [--table-lock-timeout MS]")
}
let store = arguments[0]
let directory = arguments[1]

func catalog() throws -> SchemaCatalog {
    var files = SchemaCatalog.embeddedFiles
    for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where name.hasSuffix(".sql") {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        files.append(TemplateSource(path: "migrations/" + name, text: text))
    }
    return try SchemaCatalog(files: files)
}

func run<Driver: MigrationDriver>(
    _ driver: Driver, _ catalog: SchemaCatalog, options: [String: Int64]
) async throws {
    var runner = MigrationRunner(driver: driver, catalog: catalog, appliedBy: "migrator harness pid \(getpid())")
    runner.relayburnVersion = "harness"
    runner.allowContract = true
    if let wait = options["--lock-wait"] { runner.lockTimeoutMs = wait }
    if let pause = options["--backfill-pause"] { runner.backfillPauseMs = pause }
    if let table = options["--table-lock-timeout"] {
        runner.tableLockTimeoutMs = table
        runner.tableLockRetryBudgetMs = table * 2
    }
    runner.onBackfillBatch = { progress in say("batch \(progress.batches) \(progress.lastKey) \(progress.batchMs)") }
    let report = try await runner.migrate()
    say("done \(report.currentVersion) applied \(report.applied.map { String($0.version) }.joined(separator: ","))")
}

do {
    let catalog = try catalog()
    if store.hasPrefix("sqlite:") {
        let database = try await SQLiteDatabase.open(path: String(store.dropFirst("sqlite:".count)), catalog: catalog)
        try await run(SQLiteMigrationDriver(database: database, catalog: catalog), catalog, options: parsed)
    } else {
        let database = try await PostgresDatabase.connect(
            conninfo: store, applicationName: "relayburn-test-migrator", catalog: catalog)
        try await run(PostgresMigrationDriver(database: database, catalog: catalog), catalog, options: parsed)
    }
} catch {
    fail("\(error)")
}
