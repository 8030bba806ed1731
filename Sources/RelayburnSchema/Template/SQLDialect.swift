/// A SQL dialect that templates render to.
///
/// The raw value is the name used in `{{#if sqlite}}` blocks, in `dialect sqlite` lines of a dialect
/// definition and on the command line (`--dialect postgres`).
public enum SQLDialect: String, Sendable, CaseIterable, Codable {
    /// SQLite 3; named parameters render as `?1`, `?2`, ….
    case sqlite
    /// PostgreSQL; named parameters render as `$1`, `$2`, ….
    case postgres
}
