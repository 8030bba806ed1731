public import RelayburnSchema

/// JSON text that cannot be parsed, with the byte offset, line and column of the fault.
///
/// `description` is one sentence, e.g. `invalid JSON at line 1, column 9 (byte 8): expected ':' after object key`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem was found; stable, so callers and tests can match on it.
    public let code: Code
    /// Zero-based byte offset of the fault in the input.
    public let offset: Int
    /// One-based line of the fault (lines end at `\n`).
    public let line: Int
    /// One-based column of the fault, counted in bytes from the start of the line.
    public let column: Int
    /// What went wrong, without the location.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - offset: Zero-based byte offset.
    ///   - line: One-based line.
    ///   - column: One-based byte column.
    ///   - message: What went wrong.
    public init(code: Code, offset: Int, line: Int, column: Int, message: String) {
        self.code = code
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "invalid JSON at line \(line), column \(column) (byte \(offset)): \(message)"
    }
}

extension JSONParseError {
    /// The kind of a ``JSONParseError``.
    ///
    /// The codes wrap a private enum, so new ones can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case unexpectedEndOfInput, unexpectedCharacter, invalidNumber, invalidEscape, invalidUnicode
            case controlCharacterInString, depthLimitExceeded, duplicateKey, trailingCharacters
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The input ended inside a value.
        public static let unexpectedEndOfInput = Code(.unexpectedEndOfInput)
        /// A byte that cannot start or continue the expected token.
        public static let unexpectedCharacter = Code(.unexpectedCharacter)
        /// A number that does not follow the JSON grammar or does not fit a `Double`.
        public static let invalidNumber = Code(.invalidNumber)
        /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
        public static let invalidEscape = Code(.invalidEscape)
        /// Malformed UTF-8, or a `\u` escape naming a lone surrogate, which a Swift string cannot hold.
        public static let invalidUnicode = Code(.invalidUnicode)
        /// An unescaped control character (below U+0020) inside a string.
        public static let controlCharacterInString = Code(.controlCharacterInString)
        /// Arrays and objects nest deeper than the parser's limit.
        public static let depthLimitExceeded = Code(.depthLimitExceeded)
        /// An object repeats a key; the ledger refuses the ambiguity instead of silently keeping one value.
        public static let duplicateKey = Code(.duplicateKey)
        /// Non-whitespace after the top-level value.
        public static let trailingCharacters = Code(.trailingCharacters)

        /// The code's name, e.g. `"invalidNumber"`.
        public var description: String { base.rawValue }
    }
}

extension JSONParseError: RelayburnError {
    public var errorCode: String { "malformed_json" }
}
