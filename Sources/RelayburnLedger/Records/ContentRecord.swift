/// One piece of raw transcript text (docs/records.md §2.3), kept apart from the usage records.
///
/// Wraps the JSON object it was validated from; see ``TurnRecord`` for why.
public struct ContentRecord: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// A `SourceKind`; unknown values are kept verbatim.
    public let source: String
    /// Passes ``ContentRecord/isValidSessionId(_:)``.
    public let sessionId: String
    public let messageId: String
    public let ts: String
    /// A `ContentRole` (`user`, `assistant`, `tool_result`, or newer).
    public let role: String
    /// A `ContentKind` (`text`, `thinking`, `tool_use`, `tool_result`, or newer).
    public let kind: String
    /// Text of `text` and `thinking` records.
    public let text: String?
    public let toolUse: ToolUse?
    public let toolResult: ToolResult?

    /// The payload of a `tool_use` record.
    public struct ToolUse: Sendable, Hashable {
        public var id: String
        public var name: String
        /// The raw tool input, passed through.
        public var input: JSONObject
    }

    /// The payload of a `tool_result` record.
    public struct ToolResult: Sendable, Hashable {
        public var toolUseId: String
        /// The raw result (string, object or array) passed through verbatim.
        public var content: JSONValue
        public var isError: Bool?
    }

    /// The content id: `h16` of the canonical JSON of the whole record, unique per `(sessionId, id)`.
    public var id: String { RecordIdentity.contentId(object) }

    /// Checks `value` against the ContentRecord contract, including the session-id rule, and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError``; `invalidValue` on `sessionId` when it breaks the session-id rule.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> ContentRecord {
        let reader = try FieldReader(record: value, index: index, kind: .content)
        try reader.version()
        let source = try reader.string("source")
        let sessionId = try reader.string("sessionId")
        guard isValidSessionId(sessionId) else {
            throw reader.error(
                .invalidValue, "sessionId",
                "must match [A-Za-z0-9][A-Za-z0-9._-]{0,127} to be stored with content; rename the session or "
                    + "disable content capture for it")
        }
        return ContentRecord(
            object: reader.object, source: source, sessionId: sessionId, messageId: try reader.string("messageId"),
            ts: try reader.string("ts"), role: try reader.string("role"), kind: try reader.string("kind"),
            text: try reader.optionalString("text"),
            toolUse: try reader.optionalNested("toolUse").map { r throws(RecordError) in
                guard let input = r.object["input"] else {
                    throw r.error(.missingField, "input", "is required (an object) but missing")
                }
                guard let inputObject = input.objectValue else {
                    throw r.error(.wrongType, "input", "must be an object")
                }
                return ToolUse(id: try r.string("id"), name: try r.string("name"), input: inputObject)
            },
            toolResult: try reader.optionalNested("toolResult").map { r throws(RecordError) in
                let toolUseId = try r.string("toolUseId")
                guard let content = r.object["content"] else {
                    throw r.error(.missingField, "content", "is required (any JSON value) but missing")
                }
                return ToolResult(toolUseId: toolUseId, content: content, isError: try r.optionalBool("isError"))
            })
    }

    /// Whether `sessionId` matches `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`, the rule for content session ids
    /// (they become file and index names in some stores).
    public static func isValidSessionId(_ sessionId: String) -> Bool {
        let bytes = sessionId.utf8
        guard let first = bytes.first, bytes.count <= 128, isAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: ContentRecord, rhs: ContentRecord) -> Bool { lhs.object == rhs.object }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}
