/// A macro both dialects share, written once in its own file: `templates/macros/NAME.sql`.
///
/// Dialect definitions hold one-line macros per dialect; a shared macro is for SQL that is the same in every
/// dialect and spans lines, such as the filter block of every ledger query. The file's first line that is
/// neither blank nor a `--` comment declares it, and every line after that is its body:
///
/// ```
/// -- The filters of docs/records.md section 5 on a record aliased {{r}}.
/// macro record_filters(r) =
/// (CAST(:since AS TEXT) IS NULL OR {{r}}.ts >= :since)
///   AND (CAST(:until AS TEXT) IS NULL OR {{r}}.ts <= :until)
/// ```
///
/// The body may use constants and macros of the dialect being rendered and other shared macros; errors in
/// it name the macro file, line and column.
public struct SharedMacro: Sendable {
    /// The declaration, with the whole multi-line body.
    public let macro: DialectDefinition.Macro
    let body: ParsedTemplate

    /// Parses `templates/macros/NAME.sql`.
    ///
    /// - Throws: `TemplateError` (`invalidSyntax`) when the declaration is missing or malformed or names
    ///   another macro than the file, and the template codes for a malformed body.
    public init(source: TemplateSource) throws {
        let fileName = String(source.path.split(separator: "/").last?.dropLast(".sql".count) ?? "")
        let lines = Array(source.text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            var bytes = Array(line)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            var scanner = LineScanner(file: source.path, line: offset + 1, bytes: bytes)
            scanner.skipSpaces()
            if scanner.isAtEnd || scanner.hasPrefix("--") { continue }
            let start = scanner.location
            let (name, parameters) = try Self.declaration(&scanner, start: start)
            guard name == fileName else {
                throw TemplateError(
                    code: .invalidSyntax, location: start,
                    message: "the file declares macro \(name), but its name says \(fileName)",
                    hint: "rename the file to templates/macros/\(name).sql or the macro to \(fileName)")
            }
            let bodyLines = lines[(offset + 1)...].map { String(decoding: $0, as: UTF8.self) }
            let joined = bodyLines.joined(separator: "\n")
            let text = Self.droppingTrailingLineBreaks(joined)
            macro = DialectDefinition.Macro(name: name, parameters: parameters, body: text, location: start)
            body = try TemplateParser(TemplateText(file: source.path, text: text, firstLine: offset + 2)).parse()
            return
        }
        throw TemplateError(
            code: .invalidSyntax, location: SourceLocation(file: source.path, line: 1, column: 1),
            message: "no macro declaration", hint: "start the file with 'macro \(fileName)(…) =' on its own line")
    }

    /// The body without the file's final line breaks, so a call renders inline.
    private static func droppingTrailingLineBreaks(_ text: String) -> String {
        var text = text
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }

    /// Reads `macro name(p1, p2) =` with nothing after the `=`.
    private static func declaration(_ scanner: inout LineScanner, start: SourceLocation) throws -> (String, [String]) {
        let malformed = TemplateError(
            code: .invalidSyntax, location: start, message: "malformed shared macro declaration",
            hint: "write 'macro name(a, b) =' on its own line, and the body on the lines after it")
        guard scanner.identifier() == "macro", let signature = try scanner.macroSignature() else { throw malformed }
        let (name, parameters) = (signature.name, signature.parameters)
        scanner.skipSpaces()
        guard scanner.consume("="), scanner.restIsBlank() else { throw malformed }
        return (name, parameters)
    }
}

extension DialectDefinition {
    /// This definition with the shared macros added.
    ///
    /// - Throws: `TemplateError` (`duplicateDefinition`) when a shared macro's name is already a constant or
    ///   macro of the dialect or of another shared macro.
    func including(_ shared: [SharedMacro]) throws -> DialectDefinition {
        var macros = self.macros
        var bodies = macroBodies
        for entry in shared {
            let name = entry.macro.name
            if let existing = macros[name] ?? (constants[name] != nil ? entry.macro : nil) {
                throw TemplateError(
                    code: .duplicateDefinition, location: entry.macro.location,
                    message: "'\(name)' is already defined at \(existing.location)",
                    hint: "rename the shared macro or remove the other definition")
            }
            macros[name] = entry.macro
            bodies[name] = entry.body
        }
        return DialectDefinition(
            dialect: dialect, constants: constants, macros: macros, dialectOnlyObjects: dialectOnlyObjects,
            constantBodies: constantBodies, macroBodies: bodies)
    }
}
