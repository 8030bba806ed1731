/// A rendered migration with its comments dropped and its whitespace normalised: the text whose checksum says
/// whether an edit changed what the migration does.
///
/// Comments go (both kinds, outside strings and dollar quotes, by the dialect's rules), every run of whitespace and
/// comments becomes one space, and that space goes too next to `(`, `)`, `,` and `;`. Strings, quoted identifiers
/// and dollar-quoted bodies are kept byte for byte, and so is letter case. So re-indenting, re-wrapping and
/// editing comments keep the checksum; any change to a token changes it. `a + b` and `a+b` differ, which errs on
/// the side of calling an edit semantic.
public enum EffectiveSQL {
    /// The normalised text of `sql` for `dialect`.
    public static func normalized(_ sql: String, dialect: SQLDialect) -> String {
        let bytes = Array(sql.utf8)
        let scanner = SQLScanner(dialect: dialect)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var separated = false
        var index = 0

        func emit(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            if separated, let last = output.last, !isTight(last), !isTight(bytes[range.lowerBound]) {
                output.append(UInt8(ascii: " "))
            }
            separated = false
            output.append(contentsOf: bytes[range])
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                index = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                separated = true
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index = scanner.skipBlockComment(bytes, from: index + 2)
                separated = true
            case _ where SQLLexis.isWhitespace(byte):
                index += 1
                separated = true
            case UInt8(ascii: "'"):
                let end = scanner.skipQuoted(
                    bytes, from: index + 1, quote: byte, backslashEscapes: scanner.isEscapeString(bytes, quoteAt: index)
                )
                emit(index..<end)
                index = end
            case UInt8(ascii: "\""):
                let end = scanner.skipQuoted(bytes, from: index + 1, quote: byte, backslashEscapes: false)
                emit(index..<end)
                index = end
            case UInt8(ascii: "$"):
                let end = scanner.dollarQuoteEnd(bytes, at: index) ?? index + 1
                emit(index..<end)
                index = end
            default:
                emit(index..<(index + 1))
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Lowercase hex SHA-256 of ``normalized(_:dialect:)``.
    public static func checksum(_ sql: String, dialect: SQLDialect) -> String {
        SHA256.hexDigest(normalized(sql, dialect: dialect))
    }

    /// Punctuation a space next to never changes the meaning of.
    private static func isTight(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
    }
}
