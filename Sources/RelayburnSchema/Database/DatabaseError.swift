/// A failure reported by SQLite or PostgreSQL, carrying what the database said and which template ran.
///
/// `description` is one sentence fit for a terminal; bound values are never included, so a message can be
/// logged without leaking data.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The database's own code: SQLite's extended result code in decimal (e.g. `"5"` for `SQLITE_BUSY`)
    /// or PostgreSQL's five-character SQLSTATE (e.g. `"42P01"`).
    public let code: String
    /// The database's primary message.
    public let message: String
    /// PostgreSQL's detail field, when present.
    public let detail: String?
    /// PostgreSQL's hint field, when present.
    public let hint: String?
    /// The name of the rendered statement that failed, when known.
    public let statementName: String?
    /// Where in the template the failing part came from, when the database reported a position.
    public let location: SourceLocation?

    public init(
        code: String, message: String, detail: String? = nil, hint: String? = nil,
        statementName: String? = nil, location: SourceLocation? = nil
    ) {
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
        self.statementName = statementName
        self.location = location
    }

    /// Whether the database said a table does not exist (PostgreSQL 42P01, SQLite "no such table"): a store at a
    /// version from before the table.
    public var isUndefinedTable: Bool { code == "42P01" || message.hasPrefix("no such table") }

    /// The same error attributed to a statement and template location.
    public func attributed(to statement: String?, at location: SourceLocation?) -> DatabaseError {
        DatabaseError(
            code: code, message: message, detail: detail, hint: hint,
            statementName: statement ?? statementName, location: location ?? self.location)
    }

    public var description: String {
        var text = message.trimmingTrailingNewlines
        if let location {
            text += " (at \(location))"
        } else if let statementName {
            text += " (in statement \(statementName))"
        }
        if let hint { text += "; \(hint.trimmingTrailingNewlines)" }
        return text
    }

    public var debugDescription: String {
        var parts = ["DatabaseError(code: \(code), message: \(message.trimmingTrailingNewlines)"]
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let statementName { parts.append("statement: \(statementName)") }
        if let location { parts.append("location: \(location)") }
        return parts.joined(separator: ", ") + ")"
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while let last = text.last, last == "\n" || last == "\r" || last == " " { text.removeLast() }
        return text
    }
}
