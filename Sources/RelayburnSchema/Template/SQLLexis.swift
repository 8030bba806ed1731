/// Byte classes shared by the template parser, the dialect definition parser and the parameter binder.
enum SQLLexis {
    /// `[A-Za-z_]`: placeholders and parameter names are ASCII identifiers.
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    /// `[A-Za-z0-9_]`.
    static func isIdentifierContinuation(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Space, tab, carriage return or line feed.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// Whether `name` is a valid identifier.
    static func isIdentifier(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, isIdentifierStart(first) else { return false }
        return name.utf8.allSatisfy(isIdentifierContinuation)
    }
}
