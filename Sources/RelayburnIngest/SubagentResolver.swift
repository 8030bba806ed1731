import RelayburnLedger

/// Finds which subagent invocation a sidechain line belongs to by walking `parentUuid` chains
/// (format note §10.2–10.3).
///
/// Claude Code logs subagents into the parent's file without an invocation id (older versions), so the id is
/// derived: the uuid of the prompt line that starts the subagent, found just below the spawning tool_use.
struct SubagentResolver {
    /// The spawning Agent/Task call of an assistant line.
    struct Spawn {
        let toolUseId: String
        let subagentType: String?
        let description: String?
    }

    /// A resolved invocation.
    struct Invocation {
        let agentId: String
        let parentToolUseId: String
        let subagentType: String?
        let description: String?
        /// agentId of the enclosing invocation, nil at the first level.
        let parentAgentId: String?
    }

    private struct Node {
        let parentUuid: String?
        let isUser: Bool
        let isSidechain: Bool
        let spawn: Spawn?
        let toolResultIds: Set<String>
    }

    /// Nested subagents deeper than this are left without a parent, guarding against pathological chains.
    private static let depthLimit = 64

    private var nodes: [String: Node] = [:]
    private var cache: [String: Invocation?] = [:]

    /// Registers an assistant line; the last registration of a uuid wins.
    mutating func registerAssistant(uuid: String, envelope: JSONObject, content: [JSONValue]) {
        var spawn: Spawn?
        for block in content {
            guard let block = block.objectValue, block["type"]?.stringValue == "tool_use",
                let name = block["name"]?.stringValue, name == "Agent" || name == "Task",
                let id = block["id"]?.stringValue
            else { continue }
            let input = block["input"]?.objectValue
            spawn = Spawn(
                toolUseId: id, subagentType: input?["subagent_type"]?.stringValue,
                description: input?["description"]?.stringValue)
            break
        }
        register(uuid, envelope, isUser: false, spawn: spawn, toolResultIds: [])
    }

    /// Registers a user line with the tool_use ids its tool_result blocks answer.
    mutating func registerUser(uuid: String, envelope: JSONObject, toolResultIds: Set<String>) {
        register(uuid, envelope, isUser: true, spawn: nil, toolResultIds: toolResultIds)
    }

    private mutating func register(
        _ uuid: String, _ envelope: JSONObject, isUser: Bool, spawn: Spawn?, toolResultIds: Set<String>
    ) {
        nodes[uuid] = Node(
            parentUuid: envelope.nonEmptyString("parentUuid"), isUser: isUser, isSidechain: envelope.isSidechainLine,
            spawn: spawn, toolResultIds: toolResultIds)
    }

    /// The invocation the line `start` belongs to, or nil when its chain reaches no spawn in this file.
    mutating func resolve(_ start: String) -> Invocation? {
        resolve(start, depth: 0)
    }

    private mutating func resolve(_ start: String, depth: Int) -> Invocation? {
        if let cached = cache[start] { return cached }
        var uuid = start
        var visited: Set<String> = [start]
        var found: Invocation?
        while let node = nodes[uuid], let parentUuid = node.parentUuid, let parent = nodes[parentUuid] {
            // A user line under a spawn is the subagent's prompt, unless it is the spawn's own tool_result
            // (the parent thread resuming after the subagent finished).
            if node.isUser, !parent.isUser, let spawn = parent.spawn, !node.toolResultIds.contains(spawn.toolUseId) {
                let parentAgentId =
                    parent.isSidechain && depth < Self.depthLimit
                    ? resolve(parentUuid, depth: depth + 1)?.agentId : nil
                found = Invocation(
                    agentId: uuid, parentToolUseId: spawn.toolUseId, subagentType: spawn.subagentType,
                    description: spawn.description, parentAgentId: parentAgentId)
                break
            }
            guard visited.insert(parentUuid).inserted else { break }
            uuid = parentUuid
        }
        cache[start] = .some(found)
        return found
    }
}
