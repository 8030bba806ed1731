/// The parsed dialect definition file (`templates/dialects/<name>.dialect`): what each placeholder
/// renders to for one dialect, and which schema objects exist only in that dialect.
///
/// The file is line based; `--` starts a comment line and blank lines are ignored:
///
/// ```
/// dialect sqlite
/// const BIGINT = INTEGER
/// const EMPTY =
/// macro greatest(a, b) = max({{a}}, {{b}})
/// only table content_fts*
/// ```
///
/// - `dialect NAME` must come first and names an ``SQLDialect``.
/// - `const NAME = value`: the value is the rest of the line, trimmed, and may be empty.
/// - `macro name(p1, p2) = body`: inside the body `{{p1}}` is the rendered argument.
/// - `only KIND NAME`: KIND is `table`, `index` or `trigger`; NAME may end in `*` to match a prefix.
///
/// Values and bodies are template text themselves and may use other placeholders.
public struct DialectDefinition: Sendable {
    /// The dialect this file defines.
    public let dialect: SQLDialect
    /// Constant name → replacement text (which may itself contain placeholders).
    public let constants: [String: String]
    /// Macro name → macro.
    public let macros: [String: Macro]
    /// Schema objects that exist only in this dialect, in file order.
    public let dialectOnlyObjects: [DialectOnlyObject]

    /// Constant values parsed once, so rendering never re-parses them and body errors surface at load time.
    let constantBodies: [String: ParsedTemplate]
    /// Macro bodies parsed once.
    let macroBodies: [String: ParsedTemplate]

    /// Parses a dialect definition file.
    /// - Parameter source: The file's path (used in error locations) and text.
    /// - Returns: The definition.
    /// - Throws: `TemplateError` located in the dialect file: `invalidSyntax` for an unknown directive,
    ///   a missing or misplaced `dialect` line or a malformed definition; `unknownDialect`;
    ///   `duplicateDefinition` for a name, parameter or `dialect` line given twice; and the template codes
    ///   (`unterminatedPlaceholder`, `unclosedBlock`, …) for a malformed value or body.
    public static func parse(_ source: TemplateSource) throws -> DialectDefinition {
        try DialectDefinitionParser(source: source).parse()
    }

    /// Whether `name` is declared dialect-only for an object of `kind`.
    /// - Parameters:
    ///   - kind: `"table"`, `"index"` or `"trigger"`.
    ///   - name: The object's name.
    public func isDialectOnly(kind: String, name: String) -> Bool {
        dialectOnlyObjects.contains { $0.matches(kind: kind, name: name) }
    }
}
