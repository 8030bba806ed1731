extension TemplateError {
    /// The kind of a ``TemplateError``.
    ///
    /// The codes wrap a private enum, so new ones can be added without breaking callers that switch over
    /// them (the pattern postgres-nio and Hummingbird use).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unknownPlaceholder, wrongArgumentCount, unclosedBlock, unexpectedBlockEnd, unknownDialect
            case unterminatedPlaceholder, invalidSyntax, duplicateDefinition, macroRecursion, ambiguousEscape
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// `{{NAME}}` or `{{name(...)}}` names neither a constant nor a macro of the dialect.
        public static let unknownPlaceholder = Code(.unknownPlaceholder)
        /// A macro was called with the wrong number of arguments, or a constant was called like a macro.
        public static let wrongArgumentCount = Code(.wrongArgumentCount)
        /// `{{#if …}}` has no matching `{{/if}}`.
        public static let unclosedBlock = Code(.unclosedBlock)
        /// `{{/if}}` or `{{#else}}` appears without an open block, or `{{#else}}` appears twice.
        public static let unexpectedBlockEnd = Code(.unexpectedBlockEnd)
        /// `{{#if NAME}}` or `dialect NAME` names no ``SQLDialect``.
        public static let unknownDialect = Code(.unknownDialect)
        /// `{{` is never closed by `}}`.
        public static let unterminatedPlaceholder = Code(.unterminatedPlaceholder)
        /// A placeholder or dialect definition line is malformed.
        public static let invalidSyntax = Code(.invalidSyntax)
        /// A dialect definition defines a name, parameter or the dialect twice.
        public static let duplicateDefinition = Code(.duplicateDefinition)
        /// Constants and macros expand too deeply or too often, usually because one refers to itself.
        public static let macroRecursion = Code(.macroRecursion)
        /// Text that could mean a literal or template syntax: three or five-plus `{` in a row (`{{{{` is the
        /// literal `{{`), `word:name` (a parameter glued to a word) or `\::`.
        public static let ambiguousEscape = Code(.ambiguousEscape)

        /// The code's name, e.g. `"unknownPlaceholder"`.
        public var description: String { base.rawValue }
    }
}
