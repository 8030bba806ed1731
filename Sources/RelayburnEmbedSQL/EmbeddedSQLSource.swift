/// The Swift text of `EmbeddedSQL.swift`, with every file's text as a string literal that evaluates to exactly
/// the file's scalars.
enum EmbeddedSQLSource {
    /// The whole generated file for `files`, already in their final order.
    static func render(_ files: [(path: String, text: String)]) -> String {
        var lines = [
            "// Generated at build time by the EmbedSQLPlugin (RelayburnEmbedSQL) from migrations/ and templates/.",
            "// Do not edit: change the files there. EmbeddedSQLTests checks this copy against the disk.",
            "",
            "enum EmbeddedSQL {",
            "    static let files: [TemplateSource] = [",
        ]
        for file in files {
            lines.append("        TemplateSource(")
            lines.append("            path: \"\(escaped(file.path, multiline: false))\",")
            lines.append("            text: \"\"\"\n\(escaped(file.text, multiline: true))\n\"\"\"")
            lines.append("        ),")
        }
        lines.append("    ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` escaped for the body of a string literal.
    ///
    /// The body of a multi-line literal keeps its line feeds and starts at column 0, with the closing delimiter
    /// at column 0 too, so no indentation is stripped. Escaped: backslashes (no `\(` interpolation or `\`
    /// line continuation can arise), every third quote of a run (no run of three unescaped quotes can close the
    /// literal early), carriage returns (the compiler would turn a literal CRLF into LF, and the embedded text
    /// must be the file's bytes), tabs and the other control characters (most of which a literal may not
    /// contain). A single-line literal (the path) also escapes every quote and line feed.
    static func escaped(_ text: String, multiline: Bool) -> String {
        var result = ""
        var quotes = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"" where !multiline || quotes == 2:
                result += "\\\""
                quotes = 0
                continue
            case "\"":
                result.unicodeScalars.append(scalar)
                quotes += 1
                continue
            case "\\": result += "\\\\"
            case "\n" where multiline: result += "\n"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}": result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
            quotes = 0
        }
        return result
    }
}
