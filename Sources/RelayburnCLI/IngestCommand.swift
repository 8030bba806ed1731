import ArgumentParser
import RelayburnIngest
import RelayburnLedger
import RelayburnSchema
import RelayburnStore

/// `relayburn ingest [PATH ...] [--content full|hash-only|off] [--json]`.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read Claude Code session transcripts into the store (default ~/.claude/projects).",
        discussion: """
            Files and directories (walked recursively for .jsonl) are parsed into turns, user turns, tool-result \
            events, compactions, session relationships and content. Re-ingesting stores nothing twice. Malformed \
            lines are reported with file:line and never stop the run. Content capture follows --content, else \
            RELAYBURN_CONTENT_STORE (default full).

            Incremental (cursors per store in $RELAYBURN_HOME/cursors): files unchanged since the last run are \
            skipped without being read; grown files resume where the last run stopped; truncated or replaced \
            files are read again. In a session still being written, a half-written last line, a message without \
            its stop reason or tool results, and a prompt without its reply are left for the next run; once a \
            file has not changed for --settle-after seconds they are stored as they are.

            JSON shape: {"filesScanned", "filesSkipped", "filesResumed", "parseMs", "storeMs", "kinds": {KIND: \
            {"extracted", "new"}}, "malformedLines": [{"file", "line", "reason"}], "partialLastLines": [{"file", \
            "line"}]}.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("Transcript files or directories.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Content capture: full, hash-only or off.", valueName: "mode"))
    var content: String?

    @Option(
        name: .customLong("settle-after"),
        help: ArgumentHelp(
            "Seconds a transcript must go unmodified before its unfinished tail is stored as it is (default 3600; "
                + "0 treats every file as finished, e.g. for copied or archived transcripts).",
            valueName: "seconds"))
    var settleAfter: Int = 3600

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard settleAfter >= 0 else {
            throw ValidationError("--settle-after must be 0 or more seconds, not \(settleAfter)")
        }
    }

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let environment = StoreConnector.processEnvironment()
        let modeName = content ?? environment["RELAYBURN_CONTENT_STORE"] ?? "full"
        guard let mode = ContentCaptureMode(rawValue: modeName) else {
            let source = content == nil ? "RELAYBURN_CONTENT_STORE" : "--content"
            throw CommandFailure.usage("\(source) is \"\(modeName)\"; use full, hash-only or off")
        }
        var roots = paths
        if roots.isEmpty {
            let projects = (environment["HOME"] ?? ".") + "/.claude/projects"
            roots = [projects]
        }
        let files: [String]
        do {
            files = try TranscriptFinder.transcripts(in: roots)
        } catch let error as ImportError {
            let message =
                paths.isEmpty
                ? "there is nothing to ingest: \(roots[0]) does not exist; pass the transcripts to read, e.g. "
                    + "relayburn ingest /path/to/.claude/projects"
                : error.description
            throw CommandFailure.failure(message)
        }
        let cursors: IngestCursors? =
            context.location == .memory
            ? nil
            : IngestCursors(
                home: context.settings.home, store: context.location.redactedDescription)
        let total = files.count
        let report = try await context.withStore { store in
            let progress = ProgressLine()
            defer { progress.finish() }
            let ingester = TranscriptIngester(contentMode: mode, settleAfter: .seconds(settleAfter))
            return try await ingester.ingest(files, into: store, cursors: cursors) { done in
                progress.update("relayburn: ingesting transcripts: \(done) of \(total) files")
            }
        }
        do {
            try cursors?.save()
        } catch let error as ImportError {
            throw CommandFailure.failure(
                "the records are stored, but \(error.description); the next run reads every file again")
        }
        Console.out(json ? Self.json(report) : Self.text(report))
    }

    static func text(_ report: TranscriptIngester.Report) -> String {
        var lines = [
            "ingested \(report.filesScanned) file(s) (\(report.filesResumed) resumed), skipped \(report.filesSkipped) unchanged"
        ]
        for kind in RecordKind.allCases where (report.extracted[kind] ?? 0) > 0 {
            let extracted = report.extracted[kind] ?? 0
            let new = report.inserted[kind] ?? 0
            lines.append("  \(kind): \(new) new, \(extracted - new) already present")
        }
        for malformed in report.malformedLines.prefix(20) {
            lines.append("  malformed \(malformed.file):\(malformed.line): \(malformed.reason)")
        }
        if report.malformedLines.count > 20 {
            lines.append("  … and \(report.malformedLines.count - 20) more malformed lines")
        }
        for partial in report.partialLastLines {
            lines.append("  \(partial.file):\(partial.line) is still being written; it is left for the next run")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: TranscriptIngester.Report) -> String {
        let kinds = RecordKind.allCases.filter { (report.extracted[$0] ?? 0) > 0 }.map { kind in
            (
                kind.rawValue,
                JSONText.object([
                    ("extracted", String(report.extracted[kind] ?? 0)), ("new", String(report.inserted[kind] ?? 0)),
                ])
            )
        }
        return JSONText.object([
            ("filesScanned", String(report.filesScanned)), ("filesSkipped", String(report.filesSkipped)),
            ("filesResumed", String(report.filesResumed)),
            ("parseMs", String(report.parseDuration.milliseconds)),
            ("storeMs", String(report.storeDuration.milliseconds)),
            ("kinds", JSONText.object(kinds)),
            (
                "malformedLines",
                JSONText.array(
                    report.malformedLines.map {
                        JSONText.object([
                            ("file", JSONText.string($0.file)), ("line", String($0.line)),
                            ("reason", JSONText.string($0.reason)),
                        ])
                    })
            ),
            (
                "partialLastLines",
                JSONText.array(
                    report.partialLastLines.map {
                        JSONText.object([("file", JSONText.string($0.file)), ("line", String($0.line))])
                    })
            ),
        ])
    }
}
