/// Parses template text into ``TemplateNode``s.
///
/// Parsing covers the whole text, including branches for other dialects, so a template with unbalanced
/// braces or blocks fails for every dialect, not only for the one whose branch happens to be broken.
/// Names are not resolved here: a branch for the other dialect may use constants only that dialect defines.
struct TemplateParser {
    /// How deeply placeholders may nest inside macro arguments; deeper input is refused so a garbled
    /// template cannot exhaust the stack.
    static let maximumNesting = 32

    private let text: TemplateText

    init(_ text: TemplateText) {
        self.text = text
    }

    /// Parses the whole text.
    /// - Throws: `TemplateError` with `unterminatedPlaceholder`, `invalidSyntax`, `unknownDialect`,
    ///   `unclosedBlock` or `unexpectedBlockEnd`.
    func parse() throws -> ParsedTemplate {
        ParsedTemplate(text: text, nodes: try parse(0..<text.bytes.count, nesting: 0))
    }

    private enum Tag {
        case ifOpen(SQLDialect)
        case elseBranch
        case endIf
        case placeholder(TemplateNode.Placeholder)
    }

    /// A `{{#if}}` whose `{{/if}}` has not been seen yet.
    private struct OpenBlock {
        let dialect: SQLDialect
        let location: SourceLocation
        var thenBranch: [TemplateNode] = []
        var elseBranch: [TemplateNode]?
    }

    private func parse(_ range: Range<Int>, nesting: Int) throws -> [TemplateNode] {
        var root: [TemplateNode] = []
        var open: [OpenBlock] = []
        func append(_ node: TemplateNode) {
            guard let last = open.indices.last else { return root.append(node) }
            if open[last].elseBranch != nil {
                open[last].elseBranch?.append(node)
            } else {
                open[last].thenBranch.append(node)
            }
        }

        var textStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            guard isPair(UInt8(ascii: "{"), at: index, limit: range.upperBound) else {
                index += 1
                continue
            }
            if textStart < index { append(.text(textStart..<index)) }
            switch braceRun(at: index, limit: range.upperBound) {
            case 2:
                break
            case 4:
                // `{{{{` is the escape for a literal `{{`: the first two bytes are the text, the rest is dropped.
                append(.text(index..<(index + 2)))
                index += 4
                textStart = index
                continue
            case let run:
                throw error(
                    .ambiguousEscape, at: index, "\(run) '{' in a row may be a literal or a placeholder",
                    hint: "write {{{{ for a literal {{, or put a space between a literal { and a placeholder")
            }
            let (tag, end) = try scanTag(at: index, limit: range.upperBound, nesting: nesting)
            switch tag {
            case .ifOpen(let dialect):
                open.append(OpenBlock(dialect: dialect, location: text.location(of: index)))
            case .elseBranch:
                guard let last = open.indices.last else {
                    throw error(
                        .unexpectedBlockEnd, at: index, "{{#else}} without an open {{#if}}",
                        hint: "add {{#if sqlite}} or {{#if postgres}} before it, or remove it")
                }
                guard open[last].elseBranch == nil else {
                    throw error(
                        .unexpectedBlockEnd, at: index,
                        "second {{#else}} for the {{#if}} at \(open[last].location)",
                        hint: "remove one of them")
                }
                open[last].elseBranch = []
            case .endIf:
                guard let block = open.popLast() else {
                    throw error(
                        .unexpectedBlockEnd, at: index, "{{/if}} without an open {{#if}}",
                        hint: "remove it or add the {{#if sqlite}} or {{#if postgres}} it should close")
                }
                append(
                    .conditional(
                        .init(
                            dialect: block.dialect, thenBranch: block.thenBranch,
                            elseBranch: block.elseBranch ?? [], location: block.location)))
            case .placeholder(let placeholder):
                append(.placeholder(placeholder))
            }
            index = end
            textStart = end
        }
        if textStart < range.upperBound { append(.text(textStart..<range.upperBound)) }
        if let block = open.last {
            throw TemplateError(
                code: .unclosedBlock, location: block.location,
                message: "{{#if \(block.dialect.rawValue)}} is never closed", hint: "add {{/if}} where the block ends")
        }
        return root
    }

    /// Scans the tag whose `{{` is at `start` and returns it with the index just past its `}}`.
    private func scanTag(at start: Int, limit: Int, nesting: Int) throws -> (Tag, Int) {
        let bytes = text.bytes
        var index = skipWhitespace(from: start + 2, limit: limit)
        guard index < limit else { throw unterminated(at: start) }

        if bytes[index] == UInt8(ascii: "#") || bytes[index] == UInt8(ascii: "/") {
            let wordEnd = identifierTail(from: index + 1, limit: limit)
            let keyword = text.string(index..<wordEnd)
            switch keyword {
            case "#if":
                index = skipWhitespace(from: wordEnd, limit: limit)
                let nameEnd = identifierTail(from: index, limit: limit)
                guard nameEnd > index, isIdentifierStart(bytes[index]) else {
                    throw syntaxError(
                        at: start, limit: limit, "{{#if}} needs a dialect name",
                        hint: "write {{#if sqlite}} or {{#if postgres}}")
                }
                let name = text.string(index..<nameEnd)
                let end = try expectClose(from: skipWhitespace(from: nameEnd, limit: limit), start: start, limit: limit)
                guard let dialect = SQLDialect(rawValue: name) else {
                    throw error(
                        .unknownDialect, at: start, "unknown dialect '\(name)' in {{#if \(name)}}",
                        hint: "use one of \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return (.ifOpen(dialect), end)
            case "#else":
                let end = try expectClose(from: skipWhitespace(from: wordEnd, limit: limit), start: start, limit: limit)
                return (.elseBranch, end)
            case "/if":
                let end = try expectClose(from: skipWhitespace(from: wordEnd, limit: limit), start: start, limit: limit)
                return (.endIf, end)
            default:
                throw syntaxError(
                    at: start, limit: limit, "unknown block tag {{\(keyword)}}",
                    hint: "use {{#if DIALECT}}, {{#else}} or {{/if}}")
            }
        }

        guard isIdentifierStart(bytes[index]) else {
            throw syntaxError(
                at: start, limit: limit, "expected a constant or macro name after {{",
                hint: "write {{NAME}} or {{name(arguments)}}")
        }
        let nameEnd = identifierTail(from: index + 1, limit: limit)
        let name = text.string(index..<nameEnd)
        index = skipWhitespace(from: nameEnd, limit: limit)
        var arguments: [[TemplateNode]]?
        if index < limit && bytes[index] == UInt8(ascii: "(") {
            guard nesting < Self.maximumNesting else {
                throw error(
                    .invalidSyntax, at: start,
                    "placeholders nested more than \(Self.maximumNesting) levels deep in macro arguments")
            }
            let (ranges, after) = try scanArguments(open: index, start: start, limit: limit, name: name)
            arguments = try ranges.map { try parse($0, nesting: nesting + 1) }
            index = skipWhitespace(from: after, limit: limit)
        }
        let end = try expectClose(from: index, start: start, limit: limit)
        let placeholder = TemplateNode.Placeholder(
            name: name, arguments: arguments, location: text.location(of: start))
        return (.placeholder(placeholder), end)
    }

    /// Splits `( … )` at top-level commas, skipping quoted text and nested placeholders.
    /// A comma inside a `{{#if}}` block in an argument does not split either, so a block can choose
    /// between whole argument texts. Returns the trimmed argument ranges and the index just past `)`.
    private func scanArguments(open: Int, start: Int, limit: Int, name: String) throws -> ([Range<Int>], Int) {
        let bytes = text.bytes
        var ranges: [Range<Int>] = []
        var argumentStart = open + 1
        var depth = 1
        var blockDepth = 0
        var index = open + 1
        while index < limit {
            if braceRun(at: index, limit: limit) == 4 {
                index += 4
                continue
            }
            if isPair(UInt8(ascii: "{"), at: index, limit: limit) {
                let tagStart = skipWhitespace(from: index + 2, limit: limit)
                let tagEnd = identifierTail(from: min(tagStart + 1, limit), limit: limit)
                switch text.string(tagStart..<tagEnd) {
                case "#if": blockDepth += 1
                case "/if": blockDepth -= 1
                default: break
                }
                index = try skipNestedPlaceholder(at: index, limit: limit)
                continue
            }
            if isPair(UInt8(ascii: "}"), at: index, limit: limit) {
                throw error(
                    .invalidSyntax, at: start, "missing ')' in the arguments of {{\(name)(…)}}",
                    hint: "close the argument list before }}")
            }
            switch bytes[index] {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A doubled quote ('it''s') simply closes and reopens, so no escape handling is needed.
                let quote = bytes[index]
                guard let close = bytes[(index + 1)..<limit].firstIndex(of: quote) else {
                    throw error(
                        .unterminatedPlaceholder, at: start,
                        "unterminated string in the arguments of {{\(name)(…)}}", hint: "close the quote")
                }
                index = close
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 {
                    ranges.append(argumentStart..<index)
                    return (trimmedArguments(ranges), index + 1)
                }
            case UInt8(ascii: ",") where depth == 1 && blockDepth <= 0:
                ranges.append(argumentStart..<index)
                argumentStart = index + 1
            default:
                break
            }
            index += 1
        }
        throw unterminated(at: start)
    }

    /// Skips a placeholder nested in macro arguments by counting braces; it is parsed properly later,
    /// together with the argument that contains it.
    private func skipNestedPlaceholder(at start: Int, limit: Int) throws -> Int {
        var depth = 0
        var index = start
        while index < limit {
            if isPair(UInt8(ascii: "{"), at: index, limit: limit) {
                depth += 1
                index += 2
            } else if isPair(UInt8(ascii: "}"), at: index, limit: limit) {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        throw unterminated(at: start)
    }

    /// Trims whitespace around each argument; `f()` and `f( )` have no arguments rather than one empty one.
    private func trimmedArguments(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let trimmed = ranges.map { range -> Range<Int> in
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper && isWhitespace(text.bytes[lower]) { lower += 1 }
            while upper > lower && isWhitespace(text.bytes[upper - 1]) { upper -= 1 }
            return lower..<upper
        }
        if trimmed.count == 1 && trimmed[0].isEmpty { return [] }
        return trimmed
    }

    private func expectClose(from index: Int, start: Int, limit: Int) throws -> Int {
        if isPair(UInt8(ascii: "}"), at: index, limit: limit) { return index + 2 }
        let found = index < limit ? "'\(text.string(index..<scalarEnd(index, limit: limit)))'" : "end of text"
        throw syntaxError(at: start, limit: limit, "unexpected \(found) in placeholder", hint: "expected }}")
    }

    /// A malformed tag is reported as unterminated when no `}}` follows at all, since then the missing
    /// close is the likelier mistake.
    private func syntaxError(at start: Int, limit: Int, _ message: String, hint: String) -> TemplateError {
        var index = start + 2
        while index < limit {
            if isPair(UInt8(ascii: "}"), at: index, limit: limit) {
                return error(.invalidSyntax, at: start, message, hint: hint)
            }
            index += 1
        }
        return unterminated(at: start)
    }

    private func unterminated(at start: Int) -> TemplateError {
        error(.unterminatedPlaceholder, at: start, "unterminated placeholder", hint: "close it with }}")
    }

    private func error(
        _ code: TemplateError.Code, at index: Int, _ message: String, hint: String? = nil
    )
        -> TemplateError
    {
        TemplateError(code: code, location: text.location(of: index), message: message, hint: hint)
    }

    private func scalarEnd(_ index: Int, limit: Int) -> Int {
        var end = index + 1
        while end < limit && UTF8.isContinuation(text.bytes[end]) { end += 1 }
        return end
    }

    /// How many `{` start at `index` (before `limit`).
    private func braceRun(at index: Int, limit: Int) -> Int {
        var end = index
        while end < limit && text.bytes[end] == UInt8(ascii: "{") { end += 1 }
        return end - index
    }

    private func isPair(_ byte: UInt8, at index: Int, limit: Int) -> Bool {
        index + 1 < limit && text.bytes[index] == byte && text.bytes[index + 1] == byte
    }

    private func skipWhitespace(from index: Int, limit: Int) -> Int {
        var index = index
        while index < limit && isWhitespace(text.bytes[index]) { index += 1 }
        return index
    }

    private func identifierTail(from index: Int, limit: Int) -> Int {
        var index = index
        while index < limit && SQLLexis.isIdentifierContinuation(text.bytes[index]) { index += 1 }
        return index
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool { SQLLexis.isIdentifierStart(byte) }

    private func isWhitespace(_ byte: UInt8) -> Bool { SQLLexis.isWhitespace(byte) }
}
