/// A final line that lacks its `\n` and does not parse yet: Claude Code is probably still writing it.
///
/// It is not counted as malformed; an incremental ingest should leave it for the next run by stopping its
/// cursor at ``byteOffset``.
public struct PartialLastLine: Sendable, Hashable {
    /// 1-based line number.
    public let line: Int
    /// Byte offset of the line's first byte in the input.
    public let byteOffset: Int
    /// Number of bytes the line has so far.
    public let byteCount: Int
    /// Why it did not parse.
    public let reason: String

    /// Creates a description of an unfinished final line.
    public init(line: Int, byteOffset: Int, byteCount: Int, reason: String) {
        self.line = line
        self.byteOffset = byteOffset
        self.byteCount = byteCount
        self.reason = reason
    }
}
