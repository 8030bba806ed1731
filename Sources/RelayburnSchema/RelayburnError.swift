/// An error relayburn reports to people and to programs: a stable code and one sentence.
///
/// The CLI prints ``message`` as it is; the server (later) answers `{"error": {"code", "message"}}` from the
/// same two values, so both render every library error one way without knowing its concrete type.
public protocol RelayburnError: Error, Sendable, CustomStringConvertible {
    /// A stable snake_case identifier of what went wrong (`migration_modified`, `invalid_record`, …); new codes
    /// may be added, existing ones never change meaning.
    var errorCode: String { get }
}

extension RelayburnError {
    /// One sentence: what went wrong and what to do.
    public var message: String { description }
}

extension DatabaseError: RelayburnError {
    /// `store_unavailable` for a lost or refused connection (SQLSTATE class 08), `disk_full` for SQLite's
    /// `SQLITE_FULL` and PostgreSQL's `53100`, `store_error` otherwise.
    public var errorCode: String {
        if code.hasPrefix("08") { return "store_unavailable" }
        if code == "13" || code == "53100" { return "disk_full" }
        return "store_error"
    }
}

extension MigrationError: RelayburnError {
    public var errorCode: String { "migration_\(code)" }
}

extension TemplateError: RelayburnError {
    public var errorCode: String { "template_\(code)" }
}
