/// The `-- relayburn:` lines of a migration (DESIGN §5, §9).
///
/// Among the leading comments: `compat=additive|read-only|breaking` (none: breaking) and `no-transaction`. Further
/// down, on a line of its own: `backfill [batch=N]`, which starts the batched backfill section. Anywhere: `allow
/// RULE reason="…"`, which only `relayburn migrate lint` reads (``AllowDirectives``).
struct MigrationDirectives: Equatable {
    var compat: MigrationCompatibility = .breaking
    var noTransaction = false
    /// The line of the `backfill` marker, when there is one.
    var backfillLine: Int?
    var batchSize = BackfillSection.defaultBatchSize

    /// - Throws: `MigrationError.invalidDeclaration` naming file:line for an unknown word or value.
    static func parse(_ source: TemplateSource) throws -> MigrationDirectives {
        var directives = MigrationDirectives()
        var leading = true
        for (lineNumber, line, isComment) in commentLines(source.text) {
            guard isComment else {
                leading = false
                continue
            }
            let text = line.trimmingCharacters(in: " \t\r")
            guard let directive = text.dropFirst(2).trimmingCharacters(in: " \t").strippingPrefix("relayburn:") else {
                continue
            }
            func refuse(_ detail: String) -> MigrationError {
                MigrationError.invalidDeclaration(path: source.path, line: lineNumber, detail: detail)
            }
            let words = directive.split(separator: " ").map(String.init)
            if words.first == "backfill" {
                guard directives.backfillLine == nil else {
                    throw refuse("a migration has at most one backfill section; merge the two")
                }
                directives.backfillLine = lineNumber
                for word in words.dropFirst() {
                    guard let value = word.strippingPrefix("batch="), let size = Int(value), size > 0 else {
                        throw refuse("\(word) is not batch=N with N a positive number of rows; fix the backfill line")
                    }
                    directives.batchSize = size
                }
                continue
            }
            // Lint escapes (`allow RULE reason="…"`) may sit before any statement; `migrate lint` reads them.
            if words.first == "allow" { continue }
            guard leading else {
                throw refuse(
                    "-- relayburn: \(directive) must be among the migration's first comment lines "
                        + "(only a backfill marker may come later)")
            }
            for word in words {
                if let value = word.strippingPrefix("compat=") {
                    guard let compat = MigrationCompatibility(rawValue: value) else {
                        throw refuse(
                            "compat=\(value) is not one of additive, read-only, breaking; fix the -- relayburn: line")
                    }
                    directives.compat = compat
                } else if word == "no-transaction" {
                    directives.noTransaction = true
                } else {
                    throw refuse(
                        "\(word) is not a relayburn directive (compat=…, no-transaction, backfill batch=N)")
                }
            }
        }
        if directives.noTransaction, let line = directives.backfillLine {
            throw MigrationError.invalidDeclaration(
                path: source.path, line: line,
                detail:
                    "a no-transaction migration cannot have a backfill section; put the backfill in its own migration")
        }
        return directives
    }

    /// The lines that matter to directives, scanned as UTF-8 bytes (every command builds the catalog, so this
    /// must not walk each migration's characters): every `--` comment line among the leading comments and any
    /// later comment line mentioning `relayburn:`, with its 1-based number; the first other non-blank line is
    /// reported once, as not a comment, to end the leading block.
    static func commentLines(_ text: String) -> [(line: Int, text: String, isComment: Bool)] {
        var lines: [(line: Int, text: String, isComment: Bool)] = []
        let bytes = Array(text.utf8)
        let marker = Array("relayburn:".utf8)
        var start = 0
        var number = 1
        var leading = true
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var first = start
            while first < end,
                bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t")
                    || bytes[first] == UInt8(ascii: "\r")
            {
                first += 1
            }
            let isComment =
                first + 1 < end && bytes[first] == UInt8(ascii: "-") && bytes[first + 1] == UInt8(ascii: "-")
            if isComment {
                let mentions =
                    end - first >= marker.count
                    && (first..<(end - marker.count + 1)).contains { offset in
                        bytes[offset] == marker[0] && bytes[offset..<(offset + marker.count)].elementsEqual(marker)
                    }
                if leading || mentions {
                    lines.append((number, String(decoding: bytes[start..<end], as: UTF8.self), true))
                }
            } else if first < end, leading {
                leading = false
                lines.append((number, "", false))
            }
            start = end + 1
            number += 1
        }
        return lines
    }
}
