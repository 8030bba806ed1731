extension StringProtocol {
    /// The text without leading and trailing characters made only of `set`'s scalars (default: spaces, tabs,
    /// newlines). Compared by Unicode scalar, so a `"\r\n"` pair (one Character) is trimmed by a set holding
    /// `\r` and `\n`.
    public func trimmingCharacters(in set: String = " \t\n\r") -> String {
        let scalars = Set(set.unicodeScalars)
        func isTrimmed(_ character: Character) -> Bool { character.unicodeScalars.allSatisfy(scalars.contains) }
        var text = Substring(self)
        while let first = text.first, isTrimmed(first) { text.removeFirst() }
        while let last = text.last, isTrimmed(last) { text.removeLast() }
        return String(text)
    }
}
