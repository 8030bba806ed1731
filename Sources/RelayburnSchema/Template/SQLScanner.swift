/// The parts of SQL lexing that decide what is code: where a string, quoted identifier, block comment or dollar
/// quote ends, per dialect. Shared by the parameter binder and the checksum normaliser, so both agree on what is
/// code and what is text.
struct SQLScanner {
    let dialect: SQLDialect

    /// PostgreSQL's `E'…'` strings treat backslash as an escape, so `E'\''` does not end at the second quote.
    func isEscapeString(_ bytes: [UInt8], quoteAt index: Int) -> Bool {
        guard dialect == .postgres, index >= 1, bytes[index - 1] | 0x20 == UInt8(ascii: "e") else { return false }
        return index < 2 || !SQLLexis.isIdentifierContinuation(bytes[index - 2])
    }

    /// The index after the closing quote; a doubled quote is an escaped quote. Unclosed runs to the end.
    func skipQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start
        while index < bytes.count {
            if backslashEscapes && bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// PostgreSQL block comments nest; SQLite's end at the first `*/`.
    func skipBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 1
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else if dialect == .postgres && bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "*")
            {
                depth += 1
                index += 2
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// The index after a `$tag$ … $tag$` string starting at `start`, or `nil` when `$` starts none
    /// (`$1`, a `$` inside an identifier, or a tag that is never closed).
    func dollarQuoteEnd(_ bytes: [UInt8], at start: Int) -> Int? {
        if start > 0 && (SQLLexis.isIdentifierContinuation(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "$")) {
            return nil
        }
        var tagEnd = start + 1
        if tagEnd < bytes.count && SQLLexis.isIdentifierStart(bytes[tagEnd]) {
            while tagEnd < bytes.count && SQLLexis.isIdentifierContinuation(bytes[tagEnd]) { tagEnd += 1 }
        }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else { return nil }
        let tag = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "$") && bytes[index..<(index + tag.count)].elementsEqual(tag) {
                return index + tag.count
            }
            index += 1
        }
        return nil
    }
}
