public import RelayburnSchema

/// A stored record that no longer parses or validates: the database was changed outside relayburn.
public struct StoredRecordError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(kind: RecordKind, id: String, reason: String) {
        description =
            "the stored \(kind) record \(id) cannot be read (\(reason)); the database was changed outside relayburn"
    }
}

extension StoredRecordError: RelayburnError {
    public var errorCode: String { "stored_record_unreadable" }
}
