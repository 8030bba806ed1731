import ArgumentParser
import RelayburnLedger
import RelayburnStore

/// `relayburn import FILE [--json]`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a relayburn 1.x ledger.jsonl (envelope lines and stamp lines).",
        discussion: """
            Blank, garbled and invalid lines are counted and reported with their line numbers; they never stop \
            the import. Importing the same file again appends nothing. Tool-result events written by early 1.x \
            versions (no eventIndex, eventSource "transcript") are read as relayburn 1.x reads them (eventIndex 0, \
            eventSource "tool_result") and counted as normalised. JSON shape: {"file", "lines", "blankLines", \
            "normalized", "kinds": {KIND: {"seen", "new"}}, "rejected": [{"line", "reason"}]}.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The ledger.jsonl file to import.", valueName: "file"))
    var file: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let path = file
        let report = try await context.withStore { store in
            var progress = Progress()
            defer { progress.finish() }
            do {
                return try await LedgerImporter().importFile(path, into: store) { lines in
                    progress.update("relayburn: importing \(path): \(lines) lines")
                }
            } catch let error as ImportError {
                throw CommandFailure.failure(error.description)
            }
        }
        Console.out(json ? Self.json(report, file: path) : Self.text(report, file: path))
    }

    static func text(_ report: LedgerImporter.Report, file: String) -> String {
        var lines = ["imported \(file): \(report.linesRead) lines"]
        for kind in RecordKind.allCases where (report.seen[kind] ?? 0) > 0 {
            let seen = report.seen[kind] ?? 0
            let new = report.inserted[kind] ?? 0
            lines.append("  \(kind): \(new) new, \(seen - new) already present")
        }
        if report.blankLines > 0 { lines.append("  blank lines: \(report.blankLines)") }
        if report.normalized > 0 {
            lines.append(
                "  normalised lines: \(report.normalized) (early 1.x tool-result events, read as eventIndex 0 and "
                    + "eventSource tool_result)")
        }
        if !report.rejected.isEmpty {
            lines.append("  rejected lines: \(report.rejected.count)")
            for rejected in report.rejected.prefix(20) {
                lines.append("    \(file):\(rejected.line): \(rejected.reason)")
            }
            if report.rejected.count > 20 { lines.append("    … and \(report.rejected.count - 20) more (use --json)") }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: LedgerImporter.Report, file: String) -> String {
        let kinds = RecordKind.allCases.filter { (report.seen[$0] ?? 0) > 0 }.map { kind in
            (
                kind.rawValue,
                JSONText.object([
                    ("seen", String(report.seen[kind] ?? 0)), ("new", String(report.inserted[kind] ?? 0)),
                ])
            )
        }
        let rejected = report.rejected.map {
            JSONText.object([("line", String($0.line)), ("reason", JSONText.string($0.reason))])
        }
        return JSONText.object([
            ("file", JSONText.string(file)), ("lines", String(report.linesRead)),
            ("blankLines", String(report.blankLines)), ("normalized", String(report.normalized)),
            ("kinds", JSONText.object(kinds)),
            ("rejected", JSONText.array(rejected)),
        ])
    }
}
