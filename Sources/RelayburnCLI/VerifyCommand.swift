import ArgumentParser
import RelayburnLedger
import RelayburnSchema
import RelayburnStore

/// `relayburn verify [--json]`: the store's integrity check.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every stored record agrees with its own JSON, and the history with this binary.",
        discussion: """
            Reads every row of every record table and re-derives it from its stored record_json: the JSON must \
            parse and validate as on import, the stored id must be the id the JSON derives, and every typed \
            column (ts, session_id, token counts, …) must hold what the JSON gives. Also checks the sessions \
            rollup against the turns and each applied migration's recorded checksum against this binary's file \
            (and that none was left half-applied). Changes nothing (beyond bringing the schema up to date, as \
            every command does). Exit status 0 when clean, 1 on any finding.

            Works on sqlite and postgres stores; for an http store, run it where the server's database is.

            JSON shape: {"clean": BOOL, "checked": {"TABLE": ROWS, …}, "findingCount": N, "findings": \
            [{"table", "key", "problem", "detail"}]}; at most 1000 findings are listed. problem is one of \
            unparsable, invalid_record, id_mismatch, column_mismatch, rollup_mismatch, checksum_mismatch, \
            half_applied.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        if case .http = context.location {
            throw CommandFailure.usage(
                "verify reads the database directly; run it with --store set to the server's sqlite or postgres store")
        }
        var report = VerifyReport()
        let history = try await context.withDriver { driver in try await Self.history(driver, context.identity) }
        for finding in VerifyReport.historyFindings(history) { report.add(finding) }
        let progress = ProgressLine()
        do {
            let records = try await context.withStore { store in
                guard let sql = store as? any SQLLedgerStore else {
                    throw CommandFailure.usage(
                        "verify checks sqlite and postgres stores; this store keeps no rows to check")
                }
                return try await sql.reader.verify { table, rows in progress.update("verify: \(table) \(rows) rows") }
            }
            progress.finish()
            report.merge(records)
        } catch let failure as CommandFailure where !report.isClean {
            // A changed migration keeps the store from opening; its finding is the report, and says why.
            progress.finish()
            print(report)
            throw CommandFailure.failure(
                "verify found a problem in the history, so the records were not checked: \(failure.message)")
        }
        print(report)
        if !report.isClean {
            throw CommandFailure.failure(
                "verify found \(report.findingCount) problem\(report.findingCount == 1 ? "" : "s") in the store")
        }
    }

    private static func history(_ driver: some MigrationDriver, _ appliedBy: String) async throws -> [MigrationStatus] {
        try await MigrationRunner(driver: driver, appliedBy: appliedBy).status()
    }

    private func print(_ report: VerifyReport) {
        if json {
            let checked = JSONText.object(report.checked.map { ($0.table, String($0.rows)) })
            let findings = report.findings.map { finding in
                JSONText.object([
                    ("table", JSONText.string(finding.table)), ("key", JSONText.string(finding.key)),
                    ("problem", JSONText.string(finding.problem.rawValue)),
                    ("detail", JSONText.string(finding.detail)),
                ])
            }
            Console.out(
                JSONText.object([
                    ("clean", report.isClean ? "true" : "false"), ("checked", checked),
                    ("findingCount", String(report.findingCount)), ("findings", JSONText.array(findings)),
                ]))
            return
        }
        for (table, rows) in report.checked { Console.out("\(table): \(rows) rows checked") }
        for finding in report.findings {
            Console.out("\(finding.table) \(finding.key): \(finding.problem.rawValue): \(finding.detail)")
        }
        if report.findingCount > report.findings.count {
            Console.out("… and \(report.findingCount - report.findings.count) more")
        }
        if report.isClean { Console.out("clean: every record agrees with its JSON, the rollup and history too") }
    }
}
