/// A position in a template or dialect definition file.
///
/// Lines and columns are 1-based; columns count Unicode scalars, so a column matches what an editor shows
/// for the (typically ASCII) SQL text.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The repository-relative path of the file.
    public let file: String
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, counted in Unicode scalars.
    public let column: Int

    /// Creates a location.
    /// - Parameters:
    ///   - file: The repository-relative path of the file.
    ///   - line: The 1-based line number.
    ///   - column: The 1-based column.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers use, so terminals and editors can jump to it.
    public var description: String { "\(file):\(line):\(column)" }
}
