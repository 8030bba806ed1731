extension DialectDefinition {
    /// A `macro name(p1, p2) = body` line of a dialect definition.
    public struct Macro: Sendable, Equatable {
        /// The name used in `{{name(…)}}`.
        public let name: String
        /// The parameter names, in call order; `{{p1}}` in the body is the first argument.
        public let parameters: [String]
        /// The body text, which may contain placeholders.
        public let body: String
        /// Where the `macro` line starts in the dialect file.
        public let location: SourceLocation

        /// Creates a macro description.
        /// - Parameters:
        ///   - name: The macro name.
        ///   - parameters: The parameter names.
        ///   - body: The body text.
        ///   - location: Where it is defined.
        public init(name: String, parameters: [String], body: String, location: SourceLocation) {
            self.name = name
            self.parameters = parameters
            self.body = body
            self.location = location
        }
    }
}
