/// Renders SQL templates for one dialect.
///
/// A template is SQL with placeholders; everything else is copied byte for byte, including comments,
/// whitespace and line endings. Rendering is deterministic.
///
/// - `{{ NAME }}` is a constant of the dialect definition (spaces inside the braces are optional;
///   names are `[A-Za-z_][A-Za-z0-9_]*`).
/// - `{{ name(arg1, arg2) }}` calls a macro. Arguments are split on top-level commas (commas inside
///   parentheses, `'strings'` and `"identifiers"` do not split) and trimmed; each is rendered as template
///   text, so it may hold placeholders and `:params`, before it replaces `{{arg1}}` in the body.
///   `{{ now() }}` calls a macro without arguments. Inside a body, parameter names shadow constants.
/// - `{{#if sqlite}} … {{#else}} … {{/if}}` keeps text for one dialect. `{{#else}}` is optional and
///   blocks nest. The branch that is dropped is still checked for balanced braces and blocks, but not for
///   names, since only the other dialect may define them.
/// - `:name` is a named parameter, rendered as `?N` (SQLite) or `$N` (PostgreSQL) with N counting from 1
///   in order of first use; reusing a name reuses its number. Parameters are not recognised inside string
///   literals, double-quoted identifiers, `--` and `/* */` comments or dollar-quoted strings (`$$…$$`,
///   `$tag$…$tag$`), and `::` casts pass through. `\:name` is the literal text `:name`; a parameter glued to a
///   word (`a[lo:hi]`) is refused as ambiguous (write `lo :hi` or `lo\:hi`).
/// - `{{{{` is the literal text `{{` (a lone `}}` outside a tag is literal already); three or more than four `{`
///   in a row are refused as ambiguous.
/// - Placeholders are expanded everywhere, including inside strings and comments, so `'{{JSON_PREFIX}}'`
///   works.
///
/// Constants and macro bodies may contain placeholders and are expanded recursively up to 32 levels.
/// Errors carry the location of the offending `{{` (in the template, or in the dialect file for a problem
/// inside a constant or macro body).
public struct TemplateEngine: Sendable {
    private let definition: DialectDefinition

    /// Creates an engine for the dialect a definition describes.
    /// - Parameter definition: The parsed `templates/dialects/<dialect>.dialect` file.
    public init(definition: DialectDefinition) {
        self.definition = definition
    }

    /// The dialect this engine renders to.
    public var dialect: SQLDialect { definition.dialect }

    /// Renders a template.
    /// - Parameter source: The template's path and text.
    /// - Returns: The statement, named after the file without directory and `.sql`.
    /// - Throws: `TemplateError` with `unknownPlaceholder`, `wrongArgumentCount`, `unclosedBlock`,
    ///   `unexpectedBlockEnd`, `unknownDialect`, `unterminatedPlaceholder`, `invalidSyntax`, `macroRecursion` or
    ///   `ambiguousEscape`.
    public func render(_ source: TemplateSource) throws -> RenderedStatement {
        try render(source, literals: [:])
    }

    /// Renders a template with some parameters written in as SQL literals (`'text'` with quotes doubled, decimal
    /// numbers, `NULL`) or as double-quoted identifiers, for a script another tool runs with nothing to bind, or
    /// DDL that names an object; the rest stay numbered parameters.
    public func render(
        _ source: TemplateSource, literals: [String: SQLValue], identifiers: [String: String] = [:]
    ) throws -> RenderedStatement {
        let template = try TemplateParser(TemplateText(file: source.path, text: source.text)).parse()
        var renderer = TemplateRenderer(definition: definition)
        let expanded = try renderer.render(template)
        let binder = ParameterBinder(dialect: definition.dialect, literals: literals, identifiers: identifiers)
        let (output, parameters) = try binder.bind(expanded)
        return RenderedStatement(
            name: Self.statementName(path: source.path), sql: String(decoding: output.bytes, as: UTF8.self),
            parameters: parameters, sourceMap: output.sourceMap)
    }

    /// `"templates/append_turns.sql"` → `"append_turns"`.
    static func statementName(path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return file.hasSuffix(".sql") ? String(file.dropLast(4)) : file
    }
}
