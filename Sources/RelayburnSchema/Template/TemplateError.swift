/// A template or dialect definition that cannot be rendered, with the file, line and column at fault.
///
/// `description` is the one sentence the CLI prints, e.g.
/// `migrations/0001_x.sql:3:14: unknown placeholder {{FOO}}; define it in templates/dialects/sqlite.dialect
/// and templates/dialects/postgres.dialect`.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem was found; stable, so callers and tests can match on it.
    public let code: Code
    /// Where the problem is: the offending `{{` in a template, or the offending spot of a dialect file.
    public let location: SourceLocation
    /// What went wrong, without the location, e.g. `"unknown placeholder {{FOO}}"`.
    public let message: String
    /// What to do about it, when that is clear; appended to `description`.
    public let hint: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - location: Where it is.
    ///   - message: What went wrong.
    ///   - hint: What to do about it, if known.
    public init(code: Code, location: SourceLocation, message: String, hint: String? = nil) {
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: message; hint`.
    public var description: String {
        if let hint { return "\(location): \(message); \(hint)" }
        return "\(location): \(message)"
    }
}
