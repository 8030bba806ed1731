import RelayburnSchema

/// Encodes a column of values as a PostgreSQL array literal (`{"a","b",NULL}`), the text form of an array
/// parameter, so a batch travels as one parameter per column.
enum PostgresArrayLiteral {
    static func encode(_ values: [SQLValue]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let text = value.textValue else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            // Inside a quoted element only the quote and the backslash need escaping; most values have neither.
            if text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for byte in text.utf8 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                    bytes.append(byte)
                }
            } else {
                bytes.append(contentsOf: text.utf8)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One array parameter per parameter of `statement`, each the column of that name across `rows`.
    static func bindings(_ statement: RenderedStatement, rows: [[String: SQLValue]]) -> [SQLValue] {
        statement.parameters.map { name in .text(encode(rows.map { $0[name] ?? .null })) }
    }
}
