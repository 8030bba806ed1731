extension JSONValue {
    /// The value as JSON text with object keys in stored order and no whitespace.
    ///
    /// For a value parsed from `JSON.stringify` output this reproduces the input byte for byte: strings are
    /// escaped as `JSON.stringify` escapes them and numbers are written as JavaScript writes them.
    public var compactJSON: String {
        var writer = JSONWriter(sortKeys: false)
        writer.write(self)
        return writer.text
    }

    /// The value as canonical JSON (docs/records.md §3.1): object keys sorted by Unicode code point, no whitespace,
    /// arrays in order, minimal string escapes, integers without a decimal point.
    ///
    /// Record ids and `argsHash` are `h16` of this text, so it must never change.
    public var canonicalJSON: String {
        var writer = JSONWriter(sortKeys: true)
        writer.write(self)
        return writer.text
    }
}

extension JSONObject {
    /// The object as JSON text with keys in stored order and no whitespace.
    public var compactJSON: String { JSONValue.object(self).compactJSON }

    /// The object as canonical JSON; see ``JSONValue/canonicalJSON``.
    public var canonicalJSON: String { JSONValue.object(self).canonicalJSON }
}

/// Appends JSON text to a byte buffer.
struct JSONWriter {
    let sortKeys: Bool
    private(set) var bytes: [UInt8] = []

    init(sortKeys: Bool) {
        self.sortKeys = sortKeys
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let integer): bytes.append(contentsOf: String(integer).utf8)
        case .double(let double): bytes.append(contentsOf: JavaScriptNumber.format(double).utf8)
        case .string(let string): writeString(string)
        case .array(let elements):
            bytes.append(Byte.openBracket)
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(Byte.comma) }
                write(element)
            }
            bytes.append(Byte.closeBracket)
        case .object(let object):
            bytes.append(Byte.openBrace)
            var entries = object.entries
            if sortKeys {
                // UTF-8 byte order equals Unicode code point order, which the canonical form requires. Swift's
                // String `<` would not do: it compares canonically equivalent strings as equal.
                entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            }
            for (position, entry) in entries.enumerated() {
                if position > 0 { bytes.append(Byte.comma) }
                writeString(entry.key)
                bytes.append(Byte.colon)
                write(entry.value)
            }
            bytes.append(Byte.closeBrace)
        }
    }

    /// Writes a string escaping only `"`, `\` and control characters, exactly as `JSON.stringify` does.
    mutating func writeString(_ string: String) {
        bytes.append(Byte.quote)
        // Most strings need no escape at all: copy them whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == Byte.quote || $0 == Byte.backslash }) {
            bytes.append(contentsOf: string.utf8)
            bytes.append(Byte.quote)
            return
        }
        for byte in string.utf8 {
            switch byte {
            case Byte.quote, Byte.backslash: bytes.append(contentsOf: [Byte.backslash, byte])
            case 0x08: bytes.append(contentsOf: [Byte.backslash, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [Byte.backslash, UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [Byte.backslash, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [Byte.backslash, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [Byte.backslash, UInt8(ascii: "t")])
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(Byte.quote)
    }
}
