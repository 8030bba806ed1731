import RelayburnLedger

/// Tool calls of a turn (format note §6), built as `toolCalls[i]` wire objects.
enum ToolCallExtractor {
    /// Tools whose target is a file the turn touched (§6.6).
    private static let fileTools: Set<String> = ["Read", "Edit", "Write", "NotebookEdit"]

    /// The tool calls of a turn's merged blocks and the files they touched.
    ///
    /// - Parameters:
    ///   - blocks: The turn's content blocks in file order.
    ///   - erroredIds: Every `tool_use_id` whose result carried `is_error: true` anywhere in the parse.
    static func extract(_ blocks: [JSONValue], erroredIds: Set<String>) -> (
        calls: [JSONValue], filesTouched: [String]
    ) {
        var calls: [JSONValue] = []
        var seenIds: Set<String> = []
        var files: [String] = []
        for block in blocks {
            guard let block = block.objectValue, block["type"]?.stringValue == "tool_use",
                let id = block["id"]?.stringValue, let name = block["name"]?.stringValue,
                seenIds.insert(id).inserted
            else { continue }
            let input = block["input"] ?? .object([:])
            let target = target(name: name, input: input.objectValue ?? [:])
            var call: JSONObject = ["id": .string(id), "name": .string(name)]
            call.setIfPresent("target", target)
            call["argsHash"] = .string(RecordIdentity.argsHash(input))
            if erroredIds.contains(id) { call["isError"] = true }
            let (pre, post) = editHashes(name: name, input: input.objectValue ?? [:])
            call.setIfPresent("editPreHash", pre)
            call.setIfPresent("editPostHash", post)
            calls.append(.object(call))
            if fileTools.contains(name), let target, !files.contains(target) { files.append(target) }
        }
        return (calls, files)
    }

    /// The primary target by tool name (§6.3); only string values count.
    static func target(name: String, input: JSONObject) -> String? {
        let candidates: [String] =
            switch name {
            case "Read", "Edit", "Write", "NotebookEdit": ["file_path"]
            case "Bash": ["command"]
            case "Grep", "Glob": ["pattern"]
            case "WebFetch": ["url"]
            case "Agent", "Task": ["subagent_type", "description"]
            default: ["file_path", "path", "url", "command"]
            }
        return candidates.lazy.compactMap { input[$0]?.stringValue }.first
    }

    /// Hashes of the text an edit replaced and wrote, so reverts can be spotted without storing code (§6.5).
    private static func editHashes(name: String, input: JSONObject) -> (pre: String?, post: String?) {
        switch name {
        case "Edit", "NotebookEdit":
            (input["old_string"]?.stringValue.map(h16), input["new_string"]?.stringValue.map(h16))
        case "Write": (nil, input["content"]?.stringValue.map(h16))
        default: (nil, nil)
        }
    }
}
