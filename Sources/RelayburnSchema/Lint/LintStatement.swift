/// One statement of a rendered migration, as the lint rules read it: its words (upper-cased, with the depth of
/// parentheses each sits at) and where it starts in the rendered SQL, to be mapped back through the source map.
struct LintStatement: Equatable {
    struct Word: Equatable {
        /// Upper-cased; string literals and quoted identifiers are a single `'…'` / `"…"` word, kept as written.
        let text: String
        /// 0 at the statement's top level.
        let depth: Int
        /// The UTF-8 offset of the word in the rendered SQL.
        var offset = 0
    }

    /// The UTF-8 offset of the statement's first word in the rendered SQL.
    let offset: Int
    let words: [Word]
    /// The UTF-8 offset just past the statement's `;` (or the end of the SQL).
    var end = 0

    /// The top-level words only.
    var topLevel: [String] { words.filter { $0.depth == 0 }.map(\.text) }

    /// Whether the top-level words start with `prefix`.
    func starts(with prefix: [String]) -> Bool { topLevel.starts(with: prefix) }

    /// Whether `word` appears at the top level.
    func hasTopLevel(_ word: String) -> Bool { words.contains { $0.depth == 0 && $0.text == word } }

    /// The word after the first top-level occurrence of `word` (skipping `IF NOT EXISTS` / `IF EXISTS` / `ONLY`).
    func name(after word: String) -> String? {
        let top = topLevel
        guard var index = top.firstIndex(of: word) else { return nil }
        index += 1
        while index < top.count, ["IF", "NOT", "EXISTS", "ONLY", "CONCURRENTLY"].contains(top[index]) { index += 1 }
        return index < top.count ? Self.unquoted(top[index]) : nil
    }

    /// A table or index name as the schema knows it: lower-cased unless it was quoted.
    static func unquoted(_ word: String) -> String {
        if word.hasPrefix("\"") && word.hasSuffix("\"") && word.count >= 2 {
            return String(word.dropFirst().dropLast())
        }
        return word.lowercased()
    }
}

/// Splits rendered SQL into statements: `;` ends one except inside literals, quoted identifiers, `--` and
/// `/* */` comments, PostgreSQL dollar quotes, and the `BEGIN … END` body of a `CREATE TRIGGER`.
enum LintStatementSplitter {
    static func statements(of sql: String) -> [LintStatement] {
        let bytes = Array(sql.utf8)
        var statements: [LintStatement] = []
        var words: [LintStatement.Word] = []
        var start: Int?
        var depth = 0
        var index = 0

        func finish() {
            if let start, !words.isEmpty {
                statements.append(LintStatement(offset: start, words: words, end: min(index + 1, bytes.count)))
            }
            words = []
            start = nil
            depth = 0
        }
        func add(_ text: String, at offset: Int) {
            if start == nil { start = offset }
            words.append(LintStatement.Word(text: text, depth: depth, offset: offset))
        }
        /// Inside a trigger's body until its closing `END`.
        func inTriggerBody() -> Bool {
            let top = words.map(\.text)
            guard
                top.starts(with: ["CREATE", "TRIGGER"]) || top.starts(with: ["CREATE", "TEMP", "TRIGGER"])
                    || top.starts(with: ["CREATE", "TEMPORARY", "TRIGGER"])
            else { return false }
            return top.contains("BEGIN") && top.last != "END"
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index += 2
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                let begin = index
                index += 1
                while index < bytes.count {
                    if bytes[index] == byte {
                        // A doubled quote is an escaped one.
                        if index + 1 < bytes.count && bytes[index + 1] == byte {
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
                add(String(decoding: bytes[begin..<min(index, bytes.count)], as: UTF8.self), at: begin)
            case UInt8(ascii: "$") where dollarTag(bytes, at: index) != nil:
                let tag = dollarTag(bytes, at: index) ?? []
                let begin = index
                index += tag.count
                while index < bytes.count, !bytes[index...].starts(with: tag) { index += 1 }
                index += tag.count
                add("$…$", at: begin)
            case UInt8(ascii: "("):
                add("(", at: index)
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                depth = max(0, depth - 1)
                add(")", at: index)
                index += 1
            case UInt8(ascii: ";"):
                if inTriggerBody() {
                    add(";", at: index)
                } else {
                    finish()
                }
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","):
                if byte == UInt8(ascii: ",") { add(",", at: index) }
                index += 1
            default:
                let begin = index
                while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
                if index == begin {
                    // Operators and other punctuation: one byte each.
                    index += 1
                }
                add(String(decoding: bytes[begin..<index], as: UTF8.self).uppercased(), at: begin)
            }
        }
        finish()
        return statements
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "?") || byte >= 0x80
    }

    /// `$tag$` (or `$$`) starting at `index`: a PostgreSQL dollar quote; `$1` (a parameter) is not one.
    private static func dollarTag(_ bytes: [UInt8], at index: Int) -> [UInt8]? {
        var end = index + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "$") {
            let byte = bytes[end]
            let isTagByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
                || (end > index + 1 && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            guard isTagByte else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        return Array(bytes[index...end])
    }
}
