/// Tool-result events as early relayburn 1.x versions wrote them: no `eventIndex`, and `eventSource: "transcript"`.
/// relayburn 1.x's own importer reads such a line as `eventIndex` 0 and `eventSource` `"tool_result"`; `import`
/// does the same, so those ledgers import losslessly. Only the 1.x ledger importer applies it: the HTTP API and
/// `copy` validate records strictly.
enum LegacyToolResultEvent {
    /// The record with the legacy fields normalised, or `nil` when it has neither legacy trait.
    static func normalized(_ record: JSONValue) -> JSONValue? {
        guard case .object(var object) = record else { return nil }
        var changed = false
        if !object.contains("eventIndex") {
            object["eventIndex"] = .integer(0)
            changed = true
        }
        if object["eventSource"]?.stringValue == "transcript" {
            object["eventSource"] = .string("tool_result")
            changed = true
        }
        return changed ? .object(object) : nil
    }
}
