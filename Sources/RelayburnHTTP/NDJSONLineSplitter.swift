import RelayburnLedger

/// Cuts an NDJSON body arriving in arbitrary chunks into pages of complete lines, carrying a partial line from one
/// chunk to the next.
///
/// Chunk boundaries on the wire mean nothing (a record may span several), so a page holds only lines whose `\n` has
/// arrived; what follows the last `\n` waits for the next chunk. A body that ends while ``hasPartialLine`` is true
/// was cut short (server.md §6 treats a partial last line as a broken stream).
struct NDJSONLineSplitter {
    /// The bytes after the last newline seen so far.
    private(set) var partial: [UInt8] = []
    /// The longest line accepted; a longer one means the peer is not sending NDJSON.
    let maxLineBytes: Int

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Whether bytes of an unfinished line are pending.
    var hasPartialLine: Bool { !partial.isEmpty }

    /// Forgets a pending partial line, as when a broken stream is requested again.
    mutating func reset() { partial.removeAll(keepingCapacity: true) }

    /// Feeds one chunk and returns the lines it completed, each with its `\n`; empty lines are dropped.
    ///
    /// - Throws: ``NDJSONLineTooLong`` when a line grows past ``maxLineBytes`` without ending.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(NDJSONLineTooLong) -> EncodedRecords {
        guard let lastNewline = chunk.lastIndex(of: Self.newline) else {
            guard partial.count + chunk.count <= maxLineBytes else { throw NDJSONLineTooLong(limit: maxLineBytes) }
            partial.append(contentsOf: chunk)
            return EncodedRecords()
        }
        var bytes = partial
        bytes.append(contentsOf: chunk[...lastNewline])
        partial.removeAll(keepingCapacity: true)
        partial.append(contentsOf: chunk[(lastNewline + 1)...])
        guard partial.count <= maxLineBytes else { throw NDJSONLineTooLong(limit: maxLineBytes) }
        return Self.page(bytes)
    }

    /// Feeds a chunk held in an array (tests, and bodies already collected).
    mutating func feed(_ chunk: [UInt8]) throws(NDJSONLineTooLong) -> EncodedRecords {
        let result = chunk.withUnsafeBytes { buffer in
            Result { () throws(NDJSONLineTooLong) in try feed(buffer) }
        }
        return try result.get()
    }

    /// The page of `bytes` (which ends with a newline), rebuilt without empty lines in the rare case it has some,
    /// so a page's count always equals its records.
    static func page(_ bytes: [UInt8]) -> EncodedRecords {
        var count = 0
        var hasEmptyLine = false
        var previous = newline
        for byte in bytes {
            if byte == newline {
                if previous == newline { hasEmptyLine = true }
                count += 1
            }
            previous = byte
        }
        guard hasEmptyLine else { return EncodedRecords(bytes: bytes, count: count) }
        var page = EncodedRecords()
        for line in bytes.split(separator: newline, omittingEmptySubsequences: true) {
            page.bytes.append(contentsOf: line)
            page.bytes.append(newline)
            page.count += 1
        }
        return page
    }

    /// The last line of a page, without its newline; `nil` for an empty page.
    static func lastLine(of page: EncodedRecords) -> ArraySlice<UInt8>? {
        let bytes = page.bytes
        guard page.count > 0, let end = bytes.lastIndex(of: newline) else { return nil }
        let start = bytes[..<end].lastIndex(of: newline).map { $0 + 1 } ?? bytes.startIndex
        return bytes[start..<end]
    }

    /// The ranges of the lines of a page, without their newlines.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == newline {
            if index > start { ranges.append(start..<index) }
            start = index + 1
        }
        return ranges
    }

    static let newline = UInt8(ascii: "\n")
}

/// A line of an NDJSON stream grew past the splitter's limit without ending.
struct NDJSONLineTooLong: Error, Sendable {
    let limit: Int
}
