/// Replaces `:name` parameters in rendered SQL with the dialect's positional form (`?1` or `$1`).
///
/// Binding runs after placeholders are expanded, so the lexer sees the final SQL: a quote opened in the
/// template and closed by a constant is still a quote, and parameters inside macro arguments are found.
/// Only code is scanned; string literals, quoted identifiers, comments and dollar-quoted bodies pass through,
/// and so does PostgreSQL's `::` cast. `\:name` in code is the literal text `:name` (the backslash is dropped);
/// a backslash means nothing else in SQL code on either dialect, so the escape cannot collide with real SQL.
struct ParameterBinder {
    let dialect: SQLDialect
    /// Parameters written into the SQL as literals instead of being numbered (for scripts such as `schema dump`
    /// that are run by another tool, with nothing to bind).
    var literals: [String: SQLValue] = [:]
    /// Parameters written in as double-quoted identifiers (a DDL statement naming an object cannot bind its name).
    var identifiers: [String: String] = [:]

    /// One thing the scan found in code.
    enum Occurrence: Equatable {
        /// `:name`, to be numbered.
        case parameter(range: Range<Int>, name: String)
        /// The backslash of a `\:name` escape, to be dropped.
        case escape(backslash: Int)
    }

    /// The rendered output with parameters numbered in order of first use, and their names.
    /// - Throws: `TemplateError.ambiguousEscape` for `word:name` (a parameter glued to a word, as in an array
    ///   slice `a[lo:hi]`) and for `\::`, with the location of the colon in its template.
    func bind(_ input: OutputBuilder) throws -> (output: OutputBuilder, parameters: [String]) {
        let occurrences = try self.occurrences(in: input.bytes, sourceMap: input.sourceMap)
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
            switch occurrence {
            case .escape(let backslash):
                copy(position..<backslash)
                position = backslash + 1
            case .parameter(let range, let name):
                copy(position..<range.lowerBound)
                let inlined =
                    literals[name]?.sqlLiteral
                    ?? identifiers[name].map {
                        "\""
                            + $0.split(separator: "\"", omittingEmptySubsequences: false)
                            .joined(separator: "\"\"") + "\""
                    }
                if let inlined {
                    if let location = map.location(ofUTF8Offset: range.lowerBound) {
                        output.append(Array(inlined.utf8), location: location, advances: false)
                    }
                    position = range.upperBound
                    continue
                }
                let number: Int
                if let existing = numbers[name] {
                    number = existing
                } else {
                    parameters.append(name)
                    number = parameters.count
                    numbers[name] = number
                }
                let marker = dialect == .sqlite ? "?\(number)" : "$\(number)"
                if let location = map.location(ofUTF8Offset: range.lowerBound) {
                    output.append(Array(marker.utf8), location: location, advances: false)
                }
                position = range.upperBound
            }
        }
        copy(position..<input.bytes.count)
        return (output, parameters)
    }

    /// Every `:name` and `\:name` escape outside quotes and comments, in order.
    /// - Parameter sourceMap: Locates an ambiguous form in its template; without one errors point at line 1.
    func occurrences(in bytes: [UInt8], sourceMap: SourceMap? = nil) throws -> [Occurrence] {
        let scanner = SQLScanner(dialect: dialect)
        var found: [Occurrence] = []
        var index = 0
        let count = bytes.count
        func next(_ offset: Int) -> UInt8? { index + offset < count ? bytes[index + offset] : nil }
        func identifierEnd(from start: Int) -> Int {
            var end = start
            while end < count && SQLLexis.isIdentifierContinuation(bytes[end]) { end += 1 }
            return end
        }
        func ambiguous(at offset: Int, _ message: String, hint: String) -> TemplateError {
            let location = sourceMap?.location(ofUTF8Offset: offset) ?? SourceLocation(file: "", line: 1, column: 1)
            return TemplateError(code: .ambiguousEscape, location: location, message: message, hint: hint)
        }

        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "'"):
                index = scanner.skipQuoted(
                    bytes, from: index + 1, quote: UInt8(ascii: "'"),
                    backslashEscapes: scanner.isEscapeString(bytes, quoteAt: index))
            case UInt8(ascii: "\""):
                index = scanner.skipQuoted(bytes, from: index + 1, quote: UInt8(ascii: "\""), backslashEscapes: false)
            case UInt8(ascii: "-") where next(1) == UInt8(ascii: "-"):
                index = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? count
            case UInt8(ascii: "/") where next(1) == UInt8(ascii: "*"):
                index = scanner.skipBlockComment(bytes, from: index + 2)
            case UInt8(ascii: "$"):
                index = scanner.dollarQuoteEnd(bytes, at: index) ?? index + 1
            case UInt8(ascii: "\\") where next(1) == UInt8(ascii: ":"):
                if next(2) == UInt8(ascii: ":") {
                    throw ambiguous(
                        at: index + 1, "'\\::' is neither an escaped parameter nor a cast",
                        hint: "write '::' for a cast (it needs no escape) or '\\:name' for the literal text ':name'")
                }
                found.append(.escape(backslash: index))
                index = identifierEnd(from: index + 2)
            case UInt8(ascii: ":") where next(1) == UInt8(ascii: ":"):
                index += 2
            case UInt8(ascii: ":") where next(1).map(SQLLexis.isIdentifierStart) ?? false:
                let end = identifierEnd(from: index + 2)
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if index > 0 && SQLLexis.isIdentifierContinuation(bytes[index - 1]) {
                    throw ambiguous(
                        at: index,
                        "':\(name)' is glued to the word before it, so it may be a parameter or literal text",
                        hint:
                            "put a space before ':\(name)' for a parameter, or write '\\:\(name)' for the literal text")
                }
                found.append(.parameter(range: index..<end, name: name))
                index = end
            default:
                index += 1
            }
        }
        return found
    }
}
