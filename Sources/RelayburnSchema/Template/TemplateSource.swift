/// A template file's text and its repository-relative path (e.g. `"migrations/0001_initial.sql"`).
///
/// The path is only used to name the rendered statement and to locate errors, so it need not exist on disk:
/// embedded templates keep the path they had in the repository.
public struct TemplateSource: Sendable, Equatable {
    /// The repository-relative path, used in error locations and source maps.
    public let path: String
    /// The template text, exactly as stored.
    public let text: String

    /// Creates a template source.
    /// - Parameters:
    ///   - path: The repository-relative path of the file, e.g. `"templates/append_turns.sql"`.
    ///   - text: The file's contents.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
