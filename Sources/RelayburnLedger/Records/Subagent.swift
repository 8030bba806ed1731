/// Subagent facts of a sidechain or subagent turn (`subagent`).
public struct Subagent: Sendable, Hashable {
    /// Whether the turn is on a sidechain.
    public var isSidechain: Bool
    /// tool_use id of the spawning Agent/Task call in the parent.
    public var parentToolUseId: String?
    /// Stable id of this subagent invocation, shared by all its turns.
    public var agentId: String?
    /// agentId of the parent subagent, or the parent sessionId for first-level subagents.
    public var parentAgentId: String?
    /// `subagent_type` from the spawning call's input.
    public var subagentType: String?
    /// `description` from the spawning call's input.
    public var description: String?

    static func read(_ reader: FieldReader) throws(RecordError) -> Subagent {
        Subagent(
            isSidechain: try reader.bool("isSidechain"), parentToolUseId: try reader.optionalString("parentToolUseId"),
            agentId: try reader.optionalString("agentId"), parentAgentId: try reader.optionalString("parentAgentId"),
            subagentType: try reader.optionalString("subagentType"),
            description: try reader.optionalString("description"))
    }
}
