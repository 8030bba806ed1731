/// A user line of a session and the size of what it fed back to the model (docs/records.md §2.7).
///
/// Wraps the JSON object it was validated from; see ``TurnRecord`` for why.
public struct UserTurnRecord: Sendable, Hashable {
    /// The record exactly as received.
    public let object: JSONObject

    /// A `SourceKind`; unknown values are kept verbatim.
    public let source: String
    public let sessionId: String
    /// Per-line id (the JSONL `uuid` for Claude).
    public let userUuid: String
    public let ts: String
    /// Assistant turn just before; absent for the first user turn.
    public let precedingMessageId: String?
    /// Assistant turn this user turn fed; absent if trailing.
    public let followingMessageId: String?
    public let blocks: [UserTurnBlock]

    /// The user turn id, `h16(source|sessionId|userUuid)`.
    public var id: String { RecordIdentity.userTurnId(source: source, sessionId: sessionId, userUuid: userUuid) }

    /// Checks `value` against the UserTurnRecord contract and wraps it.
    ///
    /// - Parameters:
    ///   - value: The record as parsed.
    ///   - index: Its position in the batch, for error messages.
    /// - Throws: ``RecordError`` naming the first offending field, e.g. `blocks[1].byteLen`.
    public static func validate(_ value: JSONValue, index: Int) throws(RecordError) -> UserTurnRecord {
        let reader = try FieldReader(record: value, index: index, kind: .userTurn)
        try reader.version()
        return UserTurnRecord(
            object: reader.object, source: try reader.string("source"), sessionId: try reader.string("sessionId"),
            userUuid: try reader.string("userUuid"), ts: try reader.string("ts"),
            precedingMessageId: try reader.optionalString("precedingMessageId"),
            followingMessageId: try reader.optionalString("followingMessageId"),
            blocks: try reader.objects("blocks", UserTurnBlock.read))
    }

    /// Records are equal when their JSON objects are.
    public static func == (lhs: UserTurnRecord, rhs: UserTurnRecord) -> Bool { lhs.object == rhs.object }

    public func hash(into hasher: inout Hasher) { hasher.combine(object) }
}

/// One block of a user turn: a tool result or text.
public struct UserTurnBlock: Sendable, Hashable {
    /// `tool_result`, `text`, or newer.
    public var kind: String
    /// Only for `tool_result` blocks.
    public var toolUseId: String?
    /// UTF-8 size of the block content (JSON text when structured).
    public var byteLen: Int64
    /// Token estimate.
    public var approxTokens: Int64
    /// Whether the source carried `is_error: true`.
    public var isError: Bool?

    /// Creates a block.
    public init(kind: String, toolUseId: String? = nil, byteLen: Int64, approxTokens: Int64, isError: Bool? = nil) {
        self.kind = kind
        self.toolUseId = toolUseId
        self.byteLen = byteLen
        self.approxTokens = approxTokens
        self.isError = isError
    }

    static func read(_ reader: FieldReader) throws(RecordError) -> UserTurnBlock {
        UserTurnBlock(
            kind: try reader.string("kind"), toolUseId: try reader.optionalString("toolUseId"),
            byteLen: try reader.count("byteLen"), approxTokens: try reader.count("approxTokens"),
            isError: try reader.optionalBool("isError"))
    }
}
