extension JSONValue {
    /// The nesting depth the parser accepts by default.
    public static let defaultMaxDepth = 512

    /// Parses one JSON value from UTF-8 bytes (RFC 8259, strictly: no comments, no trailing commas, no
    /// duplicate keys, no lone surrogates, valid UTF-8 only). Whitespace may surround the value.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - maxDepth: How deeply arrays and objects may nest; deeper input is rejected instead of exhausting
    ///     the stack.
    /// - Throws: ``JSONParseError`` naming the byte offset, line and column of the first fault.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONParseError)
        -> JSONValue
    {
        // The closures return a Result because the standard library's buffer accessors are untyped `rethrows`.
        if let result = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0, maxDepth: maxDepth) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }.get()
    }

    /// Parses one JSON value from a string; see ``parse(_:maxDepth:)-(Collection<UInt8>,_)``.
    ///
    /// - Parameters:
    ///   - string: The JSON text.
    ///   - maxDepth: How deeply arrays and objects may nest.
    /// - Throws: ``JSONParseError`` naming the byte offset (in the UTF-8 encoding), line and column.
    public static func parse(_ string: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var string = string
        return try string.withUTF8 { parse(buffer: $0, maxDepth: maxDepth) }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(buffer, maxDepth: maxDepth)
        return Result { () throws(JSONParseError) in try parser.parseDocument() }
    }
}
