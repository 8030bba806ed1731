/// Replaces `:name` parameters in rendered SQL with the dialect's positional form (`?1` or `$1`).
///
/// Binding runs after placeholders are expanded, so the lexer sees the final SQL: a quote opened in the
/// template and closed by a constant is still a quote, and parameters inside macro arguments are found.
/// Only code is scanned; string literals, quoted identifiers, comments and dollar-quoted bodies pass through,
/// and so does PostgreSQL's `::` cast.
struct ParameterBinder {
    let dialect: SQLDialect

    /// The rendered output with parameters numbered in order of first use, and their names.
    func bind(_ input: OutputBuilder) -> (output: OutputBuilder, parameters: [String]) {
        let occurrences = self.occurrences(in: input.bytes)
        guard !occurrences.isEmpty else { return (input, []) }

        var numbers: [String: Int] = [:]
        var parameters: [String] = []
        let map = input.sourceMap
        let entries = map.allEntries
        var output = OutputBuilder()

        // Copies a byte range entry by entry, so each piece keeps the origin of the bytes it holds.
        func copy(_ range: Range<Int>) {
            var start = range.lowerBound
            while start < range.upperBound, let index = map.entryIndex(containing: start),
                let location = map.location(ofUTF8Offset: start)
            {
                let entryEnd = index + 1 < entries.count ? entries[index + 1].offset : input.bytes.count
                let end = min(range.upperBound, entryEnd)
                output.append(input.bytes[start..<end], location: location, advances: entries[index].advances)
                start = end
            }
        }

        var position = 0
        for occurrence in occurrences {
            copy(position..<occurrence.range.lowerBound)
            let number: Int
            if let existing = numbers[occurrence.name] {
                number = existing
            } else {
                parameters.append(occurrence.name)
                number = parameters.count
                numbers[occurrence.name] = number
            }
            let marker = dialect == .sqlite ? "?\(number)" : "$\(number)"
            if let location = map.location(ofUTF8Offset: occurrence.range.lowerBound) {
                output.append(Array(marker.utf8), location: location, advances: false)
            }
            position = occurrence.range.upperBound
        }
        copy(position..<input.bytes.count)
        return (output, parameters)
    }

    /// Every `:name` outside quotes and comments, in order.
    func occurrences(in bytes: [UInt8]) -> [(range: Range<Int>, name: String)] {
        var found: [(range: Range<Int>, name: String)] = []
        var index = 0
        let count = bytes.count
        func next(_ offset: Int) -> UInt8? { index + offset < count ? bytes[index + offset] : nil }

        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "'"):
                index = skipQuoted(
                    bytes, from: index + 1, quote: UInt8(ascii: "'"),
                    backslashEscapes: isEscapeString(bytes, quoteAt: index))
            case UInt8(ascii: "\""):
                index = skipQuoted(bytes, from: index + 1, quote: UInt8(ascii: "\""), backslashEscapes: false)
            case UInt8(ascii: "-") where next(1) == UInt8(ascii: "-"):
                index = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? count
            case UInt8(ascii: "/") where next(1) == UInt8(ascii: "*"):
                index = skipBlockComment(bytes, from: index + 2)
            case UInt8(ascii: "$"):
                index = dollarQuoteEnd(bytes, at: index) ?? index + 1
            case UInt8(ascii: ":") where next(1) == UInt8(ascii: ":"):
                index += 2
            case UInt8(ascii: ":") where next(1).map(SQLLexis.isIdentifierStart) ?? false:
                var end = index + 2
                while end < count && SQLLexis.isIdentifierContinuation(bytes[end]) { end += 1 }
                found.append((index..<end, String(decoding: bytes[(index + 1)..<end], as: UTF8.self)))
                index = end
            default:
                index += 1
            }
        }
        return found
    }

    /// PostgreSQL's `E'…'` strings treat backslash as an escape, so `E'\''` does not end at the second quote.
    private func isEscapeString(_ bytes: [UInt8], quoteAt index: Int) -> Bool {
        guard dialect == .postgres, index >= 1, bytes[index - 1] | 0x20 == UInt8(ascii: "e") else { return false }
        return index < 2 || !SQLLexis.isIdentifierContinuation(bytes[index - 2])
    }

    /// The index after the closing quote; a doubled quote is an escaped quote. Unclosed runs to the end.
    private func skipQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
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
    private func skipBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
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
    private func dollarQuoteEnd(_ bytes: [UInt8], at start: Int) -> Int? {
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
