/// One piece of a parsed template: literal text, a placeholder, or a dialect-only block.
///
/// Text is kept as byte ranges into the ``TemplateText`` it was parsed from, so rendering copies the
/// author's bytes exactly and can still say where each byte came from.
enum TemplateNode: Sendable {
    case text(Range<Int>)
    case placeholder(Placeholder)
    case conditional(Conditional)

    /// `{{ NAME }}` (no argument list) or `{{ name(arg, …) }}`.
    struct Placeholder: Sendable {
        let name: String
        /// `nil` when the placeholder had no parentheses; each argument is itself parsed template text.
        let arguments: [[TemplateNode]]?
        /// The location of the opening `{{`.
        let location: SourceLocation
    }

    /// `{{#if dialect}} … {{#else}} … {{/if}}`.
    struct Conditional: Sendable {
        let dialect: SQLDialect
        let thenBranch: [TemplateNode]
        let elseBranch: [TemplateNode]
        let location: SourceLocation
    }
}

/// A parsed template together with the text its nodes point into.
struct ParsedTemplate: Sendable {
    let text: TemplateText
    let nodes: [TemplateNode]
}
