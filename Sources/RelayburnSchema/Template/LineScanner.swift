/// A cursor over one line of a dialect definition file that knows its file location.
struct LineScanner {
    let file: String
    let line: Int
    let bytes: [UInt8]
    private(set) var index = 0

    init(file: String, line: Int, bytes: [UInt8]) {
        self.file = file
        self.line = line
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The location of the cursor; columns count scalars, as everywhere else.
    var location: SourceLocation {
        let column = 1 + bytes[..<index].count { !UTF8.isContinuation($0) }
        return SourceLocation(file: file, line: line, column: column)
    }

    func hasPrefix(_ prefix: String) -> Bool {
        bytes[index...].starts(with: prefix.utf8)
    }

    mutating func skipSpaces() {
        while index < bytes.count && (bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")) {
            index += 1
        }
    }

    /// Consumes `token` if the cursor is at it.
    mutating func consume(_ token: String) -> Bool {
        guard hasPrefix(token) else { return false }
        index += token.utf8.count
        return true
    }

    /// Consumes `[A-Za-z_][A-Za-z0-9_]*`.
    mutating func identifier() -> String? {
        guard index < bytes.count, SQLLexis.isIdentifierStart(bytes[index]) else { return nil }
        return nameWithDigits()
    }

    /// Consumes `[A-Za-z0-9_]+`: object names in `only` lines may start with a digit.
    mutating func nameWithDigits() -> String? {
        let start = index
        while index < bytes.count && SQLLexis.isIdentifierContinuation(bytes[index]) { index += 1 }
        return start < index ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// Whether only spaces remain.
    mutating func restIsBlank() -> Bool {
        skipSpaces()
        return isAtEnd
    }

    /// The rest of the line without surrounding blanks, and where it starts; consumes it.
    mutating func restTrimmed() -> (String, SourceLocation) {
        skipSpaces()
        let location = self.location
        var end = bytes.count
        while end > index && (bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
        let text = String(decoding: bytes[index..<end], as: UTF8.self)
        index = bytes.count
        return (text, location)
    }
}
