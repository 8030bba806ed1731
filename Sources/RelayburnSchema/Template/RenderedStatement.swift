/// SQL ready for one dialect: the text to execute, the order to bind parameters in, and a map back to the
/// template for error messages.
public struct RenderedStatement: Sendable, Equatable {
    /// The template's file name without directory and `.sql`, e.g. `"0001_initial"`.
    public let name: String
    /// The SQL with placeholders expanded and parameters numbered (`?1` or `$1`).
    public let sql: String
    /// Parameter names in positional order: element 0 is `?1` / `$1`.
    public let parameters: [String]
    /// Maps offsets in ``sql`` back to template locations.
    public let sourceMap: SourceMap

    init(name: String, sql: String, parameters: [String], sourceMap: SourceMap) {
        self.name = name
        self.sql = sql
        self.parameters = parameters
        self.sourceMap = sourceMap
    }

    /// Wraps SQL that did not come from a template; the name says it bypassed the template checks.
    ///
    /// The statement has no parameters and an empty source map, so errors cannot be traced to a file.
    /// - Parameters:
    ///   - sql: The SQL to run as is.
    ///   - name: A name for error messages.
    public init(unsafeSQL sql: String, name: String = "unsafe") {
        self.init(name: name, sql: sql, parameters: [], sourceMap: SourceMap())
    }
}

extension RenderedStatement {
    /// The bindings for this statement's parameters, by name.
    ///
    /// Every parameter must be given (`.null` explicitly for SQL NULL): a parameter the caller does not bind is
    /// a programming error, so it traps instead of silently binding NULL.
    public func bindings(_ values: [String: SQLValue]) -> [SQLValue] {
        parameters.map { name in
            guard let value = values[name] else {
                preconditionFailure("\(self.name) has parameter :\(name), which the caller does not bind")
            }
            return value
        }
    }
}
