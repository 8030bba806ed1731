/// A value bound to, or read from, a statement parameter or result column.
///
/// Both drivers speak this one type so that the schema core can run its templates without knowing
/// which database it talks to.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The value as text, or `nil` for SQL `NULL`; integers and reals are rendered in decimal.
    public var textValue: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The value as an SQL literal both dialects read the same way: `NULL`, a decimal number, `'text'` with
    /// quotes doubled, or a blob as `X'hex'`.
    public var sqlLiteral: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value):
            "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .blob(let bytes):
            "X'"
                + bytes.map { byte in
                    let hex = String(byte, radix: 16, uppercase: true)
                    return hex.count == 1 ? "0" + hex : hex
                }.joined() + "'"
        }
    }

    /// The value as a double when it is a number (or text holding one), else `nil`; PostgreSQL's text protocol
    /// hands doubles over as text.
    public var realValue: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        case .text(let value): Double(value)
        case .null, .blob: nil
        }
    }

    /// The value as an integer when it is one (or is text holding one), else `nil`.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        case .text(let value): Int64(value)
        case .null, .blob: nil
        }
    }

    /// Interprets database booleans: SQLite stores 0/1, PostgreSQL's text protocol says `t`/`f`.
    public var boolValue: Bool {
        switch self {
        case .integer(let value): value != 0
        case .text(let value): value == "t" || value == "true" || value == "1"
        case .real(let value): value != 0
        case .null, .blob: false
        }
    }
}
