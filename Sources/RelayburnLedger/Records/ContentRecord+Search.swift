extension ContentRecord {
    /// The text full-text search sees: `text`, else the tool result's content (a string as is, structured
    /// content as its JSON) — the same choice as the `content_search_text` macro of the dialects.
    public var searchableText: String {
        if let text { return text }
        guard let content = toolResult?.content else { return "" }
        if case .string(let string) = content { return string }
        return content.compactJSON
    }
}
