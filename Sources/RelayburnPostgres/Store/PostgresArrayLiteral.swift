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
    ///
    /// Rows go in `id` order: concurrent batches that share records then take their index locks in the same
    /// order, so two hosts (or two in-flight batches) wait for each other instead of deadlocking.
    static func bindings(_ statement: RenderedStatement, rows: [[String: SQLValue]]) -> [SQLValue] {
        let ordered = rows.sorted { ($0["id"]?.textValue ?? "") < ($1["id"]?.textValue ?? "") }
        return statement.parameters.map { name in
            .text(
                encode(
                    ordered.map { row in
                        guard let value = row[name] else {
                            preconditionFailure(
                                "\(statement.name) has parameter :\(name), which the adapter does not bind")
                        }
                        return value
                    }))
        }
    }
}
