/// Template text as UTF-8 bytes, able to turn a byte index back into a file location.
///
/// The parser works on bytes because every syntax character is ASCII and UTF-8 never reuses ASCII bytes
/// inside multi-byte scalars. A dialect definition body is a slice of its line, so the text can start at
/// any line and column of its file.
struct TemplateText: Sendable {
    let file: String
    let bytes: [UInt8]
    /// Byte index where each line starts; element 0 is always 0.
    private let lineStarts: [Int]
    private let firstLine: Int
    private let firstColumn: Int

    init(file: String, text: String, firstLine: Int = 1, firstColumn: Int = 1) {
        self.file = file
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
        self.firstLine = firstLine
        self.firstColumn = firstColumn
    }

    /// The location of the byte at `index` (or of the end of the text when `index == bytes.count`).
    func location(of index: Int) -> SourceLocation {
        // Binary search for the last line starting at or before `index`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        let start = lineStarts[low]
        // Columns count scalars: every byte that is not a UTF-8 continuation byte starts one.
        var column = low == 0 ? firstColumn : 1
        var position = start
        while position < min(index, bytes.count) {
            if !UTF8.isContinuation(bytes[position]) { column += 1 }
            position += 1
        }
        if index < bytes.count && UTF8.isContinuation(bytes[index]) { column -= 1 }
        return SourceLocation(file: file, line: firstLine + low, column: column)
    }

    /// The text of a byte range; ranges always end at ASCII boundaries, so decoding never repairs anything.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
