public import RelayburnLedger

/// Turns one Claude Code session transcript (`~/.claude/projects/<dir>/<sessionId>.jsonl`) into ledger records,
/// following `docs/claude-code-jsonl.md` and its **Adopt:** decisions.
///
/// ``parse(_:)`` is one-shot: every line is used, in-progress messages included, and a final line without `\n`
/// is processed when it parses. ``parsePass(_:from:settled:)`` is the incremental form `relayburn ingest` uses.
/// Bad lines are counted in ``ExtractedRecords/malformedLines`` and never stop the parse; an unfinished final
/// line is reported as ``ExtractedRecords/partialLastLine`` instead.
///
/// ```swift
/// let records = try ClaudeTranscriptParser.parseFile(atPath: path)
/// ```
public struct ClaudeTranscriptParser: Sendable {
    /// The transcript's file name without `.jsonl`; relationship rows are keyed by it. With `nil` they use the
    /// in-log session id and no `/resume` continuation row is produced.
    public var fileSessionId: String?
    /// Which content records to emit.
    public var contentMode: ContentCaptureMode
    /// Stored as `sessionPath` on turns, when set.
    public var sessionPath: String?
    /// Whether turns get a `projectKey` from the git `origin` remote of their working directory. This reads
    /// the file system (`.git`, its config); turn it off for transcripts from another machine.
    public var resolvesProjectKeys: Bool

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - fileSessionId: The file name stem, when known (normal ingest always knows it).
    ///   - contentMode: Which content records to emit; `full` by default.
    ///   - sessionPath: Path of the transcript, recorded on turns.
    ///   - resolvesProjectKeys: Whether to look up `projectKey` from the working directory's git remote.
    public init(
        fileSessionId: String? = nil, contentMode: ContentCaptureMode = .full, sessionPath: String? = nil,
        resolvesProjectKeys: Bool = true
    ) {
        self.fileSessionId = fileSessionId
        self.contentMode = contentMode
        self.sessionPath = sessionPath
        self.resolvesProjectKeys = resolvesProjectKeys
    }

    /// Parses a whole transcript given as UTF-8 bytes, emitting everything (in-progress messages included).
    ///
    /// - Parameter bytes: The file's contents, lines separated by `\n`.
    /// - Returns: The records, malformed line numbers and any unfinished final line.
    public func parse(_ bytes: [UInt8]) -> ExtractedRecords {
        run(bytes, from: 0, incremental: false)
    }

    /// One incremental pass (format note §15): lines before `start` only rebuild parser state (subagent graph,
    /// relationship evidence, event counters), and records from `start` on are emitted, except those later lines
    /// could still change: messages without a stop reason, a user turn still waiting for its reply (its
    /// `followingMessageId`), by default messages whose tool calls have no result yet (their `isError`), and
    /// every user turn, event, compaction, relationship and content after the first of them. Only complete lines
    /// (ending in `\n`) are read. The next pass starts at the returned ``ExtractedRecords/endOffset``.
    ///
    /// Turn indexes and event indexes count from the start of the file, so the records of a file ingested in
    /// any number of passes equal those of one ``parse(_:)`` of the finished file.
    ///
    /// - Parameters:
    ///   - bytes: The whole file as it is now.
    ///   - start: The previous pass's `endOffset` (0 for a first pass). An offset that is not at a line start,
    ///     or beyond the file, restarts from 0.
    ///   - settled: The file has stopped changing (its writer is gone): emit everything, as a whole-file parse
    ///     does, from `start` on.
    ///   - waitsForToolResults: Hold back finished messages until their tool calls have results. `false` gives
    ///     the format note's reference behaviour, which stores such a turn without its calls' `isError`.
    public func parsePass(
        _ bytes: [UInt8], from start: Int, settled: Bool = false, waitsForToolResults: Bool = true
    ) -> ExtractedRecords {
        let atLineStart = start == 0 || (start <= bytes.count && bytes[start - 1] == UInt8(ascii: "\n"))
        return run(
            bytes, from: atLineStart ? start : 0, incremental: !settled, waitsForToolResults: waitsForToolResults)
    }

    private func run(_ bytes: [UInt8], from start: Int, incremental: Bool, waitsForToolResults: Bool = false)
        -> ExtractedRecords
    {
        var extraction = TranscriptExtraction(
            fileSessionId: fileSessionId, contentMode: contentMode, sessionPath: sessionPath,
            resolvesProjectKeys: resolvesProjectKeys)
        var partial: PartialLastLine?
        var lineStart = 0
        var readEnd = 0
        var number = 0
        while lineStart < bytes.count {
            number += 1
            let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n"))
            let lineEnd = newline ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            defer { lineStart = lineEnd + 1 }
            // JSON whitespace (including a CRLF's `\r`) around a line is insignificant; blank lines are skipped.
            let isBlank = !line.contains(where: { !Self.isWhitespace($0) })
            if newline == nil && !isBlank && incremental {
                // An incremental pass waits for the `\n`: a line that parses may still be growing.
                partial = PartialLastLine(
                    line: number, byteOffset: lineStart, byteCount: line.count, reason: "no line end yet")
                break
            }
            if isBlank {
                if newline != nil { readEnd = lineEnd + 1 }
                continue
            }
            switch Self.parseLine(line) {
            case .success(let object):
                extraction.consume(object, number: number, offset: lineStart)
                readEnd = newline.map { $0 + 1 } ?? lineEnd
            case .failure(let reason) where newline == nil:
                partial = PartialLastLine(
                    line: number, byteOffset: lineStart, byteCount: line.count, reason: reason.text)
            case .failure(let reason):
                extraction.malformedLines.append((number, lineStart, reason.text))
                readEnd = lineEnd + 1
            }
        }
        var records = extraction.finish(
            PassWindow(
                start: start, readEnd: max(readEnd, start), holdsBackUnfinished: incremental,
                waitsForToolResults: waitsForToolResults))
        records.partialLastLine = partial
        return records
    }

    /// Parses a transcript given as complete lines (without their `\n`), e.g. from ``LineReader``.
    ///
    /// - Parameter lines: The lines in file order; none is treated as unfinished.
    public func parse(lines: some Sequence<String>) -> ExtractedRecords {
        var bytes: [UInt8] = []
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return parse(bytes)
    }

    /// Reads and parses the transcript at `path`, taking the file session id from its name.
    ///
    /// - Parameters:
    ///   - path: Path of a `<sessionId>.jsonl` file.
    ///   - contentMode: Which content records to emit.
    /// - Throws: `ImportError` naming the path when the file cannot be read.
    public static func parseFile(atPath path: String, contentMode: ContentCaptureMode = .full) throws(ImportError)
        -> ExtractedRecords
    {
        let bytes = try TranscriptFile.read(path)
        let parser = ClaudeTranscriptParser(
            fileSessionId: TranscriptFile.sessionId(ofPath: path), contentMode: contentMode, sessionPath: path)
        return parser.parse(bytes)
    }

    private struct LineFault: Error {
        let text: String
    }

    private static func parseLine(_ line: ArraySlice<UInt8>) -> Result<JSONObject, LineFault> {
        do {
            let value = try JSONValue.parse(line)
            guard let object = value.objectValue else {
                return .failure(LineFault(text: "line is a JSON \(value.typeName), not an object"))
            }
            return .success(object)
        } catch {
            return .failure(LineFault(text: "invalid JSON: \(error)"))
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
