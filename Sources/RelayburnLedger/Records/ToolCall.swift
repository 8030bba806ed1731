/// One tool call of a turn (`toolCalls[i]`).
public struct ToolCall: Sendable, Hashable {
    /// The tool_use id.
    public var id: String
    /// The tool name.
    public var name: String
    /// The primary target (file, command…), when known.
    public var target: String?
    /// `h16` of the canonical JSON of the tool input.
    public var argsHash: String
    /// Whether the matching tool_result carried `is_error: true`; nil when unknown.
    public var isError: Bool?
    /// For Edit: `h16` of `old_string`.
    public var editPreHash: String?
    /// For Edit: `h16` of `new_string`; for Write: `h16` of the written content.
    public var editPostHash: String?
    /// OpenCode skill name.
    public var skillName: String?

    static func read(_ reader: FieldReader) throws(RecordError) -> ToolCall {
        ToolCall(
            id: try reader.string("id"), name: try reader.string("name"), target: try reader.optionalString("target"),
            argsHash: try reader.string("argsHash"), isError: try reader.optionalBool("isError"),
            editPreHash: try reader.optionalString("editPreHash"),
            editPostHash: try reader.optionalString("editPostHash"), skillName: try reader.optionalString("skillName"))
    }
}
