/// Rendered bytes plus the source map entries that say where each run of them came from.
struct OutputBuilder: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var entries: [SourceMap.Entry] = []

    /// Appends literal template text, one entry per line so map lookups need not count lines.
    mutating func appendLiteral(_ text: TemplateText, _ range: Range<Int>) {
        var lineStart = range.lowerBound
        for index in range where text.bytes[index] == UInt8(ascii: "\n") {
            append(text.bytes[lineStart...index], location: text.location(of: lineStart), advances: true)
            lineStart = index + 1
        }
        if lineStart < range.upperBound {
            append(text.bytes[lineStart..<range.upperBound], location: text.location(of: lineStart), advances: true)
        }
    }

    /// Appends bytes that all map to `location` (when `advances` is false) or start there and advance per
    /// character on one line (when it is true).
    mutating func append(_ newBytes: some Collection<UInt8>, location: SourceLocation, advances: Bool) {
        guard !newBytes.isEmpty else { return }
        let continuesLast = !advances && entries.last.map { !$0.advances && $0.location == location } ?? false
        if !continuesLast {
            entries.append(SourceMap.Entry(offset: bytes.count, location: location, advances: advances))
        }
        bytes.append(contentsOf: newBytes)
    }

    /// Appends another builder's output, keeping its origins.
    mutating func append(_ other: OutputBuilder) {
        for (index, entry) in other.entries.enumerated() {
            let end = index + 1 < other.entries.count ? other.entries[index + 1].offset : other.bytes.count
            append(other.bytes[entry.offset..<end], location: entry.location, advances: entry.advances)
        }
    }

    var sourceMap: SourceMap { SourceMap(entries: entries, utf8: bytes) }
}
