extension DialectDefinition {
    /// An `only KIND NAME` line: a schema object that exists in this dialect only (e.g. an FTS5 table), so
    /// the parity check does not expect it in the other dialect.
    public struct DialectOnlyObject: Sendable, Hashable {
        /// `"table"`, `"index"` or `"trigger"`.
        public let kind: String
        /// The object name; a trailing `*` matches any name with that prefix.
        public let name: String

        /// Creates a dialect-only object description.
        /// - Parameters:
        ///   - kind: `"table"`, `"index"` or `"trigger"`.
        ///   - name: The name, optionally ending in `*`.
        public init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }

        /// Whether an object of `kind` called `name` is covered by this declaration.
        /// - Parameters:
        ///   - kind: The object's kind.
        ///   - name: The object's name.
        public func matches(kind: String, name: String) -> Bool {
            guard kind == self.kind else { return false }
            if self.name.hasSuffix("*") { return name.hasPrefix(self.name.dropLast()) }
            return name == self.name
        }
    }
}
