public import RelayburnSchema

/// A record that does not satisfy the contract of docs/records.md, naming its position in the batch, its kind and
/// the offending field.
///
/// `description` is the one sentence the CLI prints, e.g.
/// `record 3 (turn): usage.cacheRead must be a non-negative integer`.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem was found; stable, so callers and tests can match on it.
    public let code: Code
    /// Zero-based position of the record in its batch.
    public let index: Int
    /// The kind the record was validated as.
    public let kind: RecordKind
    /// Dotted path of the offending field, e.g. `toolCalls[2].argsHash`; empty when the record itself is at fault.
    public let field: String
    /// What is wrong with the field, without the record prefix, e.g. `must be a non-negative integer`.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of problem.
    ///   - index: Position of the record in its batch.
    ///   - kind: Kind of the record.
    ///   - field: Dotted path of the field, or empty.
    ///   - message: What is wrong.
    public init(code: Code, index: Int, kind: RecordKind, field: String, message: String) {
        self.code = code
        self.index = index
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String {
        let subject = field.isEmpty ? "" : "\(field) "
        return "record \(index) (\(kind)): \(subject)\(message)"
    }
}

extension RecordError {
    /// The kind of a ``RecordError``.
    ///
    /// The codes wrap a private enum, so new ones can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case notAnObject, missingField, wrongType, invalidValue
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The record is not a JSON object.
        public static let notAnObject = Code(.notAnObject)
        /// A required field is absent.
        public static let missingField = Code(.missingField)
        /// A field has the wrong JSON type, or is a negative number where a counter is required.
        public static let wrongType = Code(.wrongType)
        /// A field has the right type but a value the contract forbids (`v` other than 1, a content session id
        /// outside `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`, a stamp selector without criterion).
        public static let invalidValue = Code(.invalidValue)

        /// The code's name, e.g. `"missingField"`.
        public var description: String { base.rawValue }
    }
}

extension RecordError: RelayburnError {
    public var errorCode: String { "invalid_record" }
}
