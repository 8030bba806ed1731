/// Maps byte offsets in rendered SQL back to the template locations they came from.
///
/// SQLite reports error offsets in bytes and PostgreSQL reports character positions; either, once turned
/// into a UTF-8 byte offset, leads back to `templates/x.sql:12:5`. Literal template text maps to its own
/// location, advancing per character; text produced by a constant or macro maps to the placeholder
/// that produced it.
public struct SourceMap: Sendable, Equatable {
    /// A run of output bytes starting at `offset` and ending where the next entry starts.
    ///
    /// An advancing entry never spans a line break, so a lookup only has to count columns.
    struct Entry: Sendable, Equatable {
        let offset: Int
        let location: SourceLocation
        /// Whether the column advances with each character (literal text) or stays put (expanded text).
        let advances: Bool
    }

    private let entries: [Entry]
    /// The rendered SQL's bytes, kept to count characters between an entry's start and a looked-up offset.
    private let utf8: [UInt8]

    init(entries: [Entry] = [], utf8: [UInt8] = []) {
        self.entries = entries
        self.utf8 = utf8
    }

    /// The template location of the byte at a UTF-8 offset of the rendered SQL.
    ///
    /// - Parameter offset: A 0-based UTF-8 byte offset. An offset equal to the SQL's length (a database
    ///   complaining about the end of input) maps to the last byte.
    /// - Returns: The location, or `nil` when the offset is outside the SQL or the map is empty (as for
    ///   ``RenderedStatement/init(unsafeSQL:name:)``).
    public func location(ofUTF8Offset offset: Int) -> SourceLocation? {
        guard offset >= 0, offset <= utf8.count, !utf8.isEmpty, let index = entryIndex(containing: offset) else {
            return nil
        }
        let offset = min(offset, utf8.count - 1)
        let entry = entries[index]
        guard entry.advances else { return entry.location }
        // Each byte that starts a scalar after the entry's first one moves one column on.
        var column = entry.location.column
        var position = entry.offset + 1
        while position <= offset {
            if !UTF8.isContinuation(utf8[position]) { column += 1 }
            position += 1
        }
        return SourceLocation(file: entry.location.file, line: entry.location.line, column: column)
    }

    /// The index of the last entry starting at or before `offset` (binary search).
    func entryIndex(containing offset: Int) -> Int? {
        guard let first = entries.first, first.offset <= offset else { return nil }
        var low = 0
        var high = entries.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if entries[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The entries, for re-mapping output when parameters are substituted.
    var allEntries: [Entry] { entries }
}
