/// Splits full-text search input into the tokens every adapter matches: runs of letters and digits, lowercased.
///
/// SQLite receives them as quoted FTS5 tokens (so operators and quotes in user input are never syntax),
/// PostgreSQL through `plainto_tsquery`, and the memory store matches them itself; a record matches when its
/// text contains every token.
public enum SearchTokens {
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// `"tok1" "tok2"`: an FTS5 query requiring every token.
    public static func fts5Query(_ text: String) -> String {
        tokens(text).map { "\"\($0)\"" }.joined(separator: " ")
    }

    /// Whether `text` contains every token of `search` (the memory store's match).
    public static func matches(_ text: String, search: String) -> Bool {
        let have = Set(tokens(text))
        return tokens(search).allSatisfy(have.contains)
    }
}
