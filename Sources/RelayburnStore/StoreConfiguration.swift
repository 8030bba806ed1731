public import RelayburnSchema

/// Resolves the store from the `--store` flag and the `RELAYBURN_*` environment, refusing anything missing or
/// contradictory instead of silently falling back to another store.
public enum StoreConfiguration {
    /// The store `--store` names, else the one the environment configures.
    ///
    /// - Parameters:
    ///   - flag: the `--store` value, when given; it overrides the environment.
    ///   - environment: the process environment.
    /// - Throws: `ConfigurationError` naming the flag or variable at fault.
    public static func resolve(flag: String?, environment: [String: String]) throws -> StoreLocation {
        if let flag { return try parseStoreURL(flag) }
        let storage = environment["RELAYBURN_STORAGE"].flatMap { $0.isEmpty ? nil : $0 }
        let databaseURL = environment["RELAYBURN_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let sqlitePath = environment["RELAYBURN_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 }
        let serverURL = environment["RELAYBURN_SERVER_URL"].flatMap { $0.isEmpty ? nil : $0 }
        switch storage ?? "sqlite" {
        case "sqlite":
            if databaseURL != nil && storage == nil {
                throw ConfigurationError(
                    "RELAYBURN_DATABASE_URL is set but RELAYBURN_STORAGE is not; set RELAYBURN_STORAGE=postgres to use "
                        + "that database, or unset RELAYBURN_DATABASE_URL to use SQLite")
            }
            return .sqlite(path: sqlitePath ?? defaultSQLitePath(environment: environment))
        case "postgres":
            guard let databaseURL else {
                throw ConfigurationError(
                    "RELAYBURN_STORAGE is postgres but RELAYBURN_DATABASE_URL is not set; set it to a PostgreSQL "
                        + "connection string such as postgresql://user@host/db")
            }
            if sqlitePath != nil {
                throw ConfigurationError(
                    "RELAYBURN_SQLITE_PATH is set but RELAYBURN_STORAGE is postgres; unset one of them")
            }
            return .postgres(conninfo: databaseURL)
        case "http":
            guard let serverURL else {
                throw ConfigurationError(
                    "RELAYBURN_STORAGE is http but RELAYBURN_SERVER_URL is not set; set it to the relayburn server's "
                        + "base URL")
            }
            return .http(baseURL: serverURL)
        case "memory":
            return .memory
        case let other:
            throw ConfigurationError(
                "RELAYBURN_STORAGE is \"\(other)\"; use sqlite, postgres, http or memory")
        }
    }

    /// `$RELAYBURN_HOME/burn.sqlite`, with `RELAYBURN_HOME` defaulting to `~/.relayburn`.
    public static func defaultSQLitePath(environment: [String: String]) -> String {
        "\(home(environment: environment))/burn.sqlite"
    }

    /// `RELAYBURN_POSTGRES_POOL_SIZE`: the most sessions a PostgreSQL store opens at once (default 4).
    ///
    /// - Throws: `ConfigurationError` naming the variable when it is not a whole number from 1 to 100.
    public static func postgresPoolSize(environment: [String: String], default fallback: Int = 4) throws -> Int {
        try wholeNumber("RELAYBURN_POSTGRES_POOL_SIZE", environment: environment, range: 1...100) ?? fallback
    }

    /// `RELAYBURN_POSTGRES_LOCK_SESSIONS`: the most sessions lock holders of a PostgreSQL store use, when set.
    ///
    /// - Throws: `ConfigurationError` naming the variable when it is not a whole number from 1 to 1000.
    public static func postgresLockSessions(environment: [String: String]) throws -> Int? {
        try wholeNumber("RELAYBURN_POSTGRES_LOCK_SESSIONS", environment: environment, range: 1...1_000)
    }

    /// A whole-number setting from `variable`, when set.
    ///
    /// - Throws: `ConfigurationError` naming the variable when it is not a whole number in `range`.
    private static func wholeNumber(
        _ variable: String, environment: [String: String], range: ClosedRange<Int>
    ) throws -> Int? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(
                "\(variable) is \"\(text)\"; set it to a whole number from \(range.lowerBound) to \(range.upperBound) "
                    + "or unset it")
        }
        return value
    }

    /// A millisecond setting from `variable`, when set.
    ///
    /// - Throws: `ConfigurationError` naming the variable when it is not a whole number in `range`.
    public static func milliseconds(
        _ variable: String, environment: [String: String], range: ClosedRange<Int64>
    ) throws -> Int64? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw ConfigurationError(
                "\(variable) is \"\(text)\"; set milliseconds from \(range.lowerBound) to \(range.upperBound) or unset it"
            )
        }
        return value
    }

    /// `RELAYBURN_HTTP_GZIP`: `on` (default) or `off`.
    ///
    /// - Throws: `ConfigurationError` naming the variable for any other value.
    public static func httpGzip(environment: [String: String]) throws -> Bool {
        switch environment["RELAYBURN_HTTP_GZIP"] ?? "" {
        case "", "on", "true", "1": return true
        case "off", "false", "0": return false
        case let other:
            throw ConfigurationError("RELAYBURN_HTTP_GZIP is \"\(other)\"; set it to on or off, or unset it")
        }
    }

    /// The directory for host-local state.
    public static func home(environment: [String: String]) -> String {
        if let home = environment["RELAYBURN_HOME"], !home.isEmpty { return home }
        return "\(environment["HOME"] ?? ".")/.relayburn"
    }

    /// Parses a `--store`-style URL (`sqlite:PATH`, `postgres://…`, `http(s)://…`, `memory:`).
    ///
    /// - Throws: `ConfigurationError` naming the value and the accepted forms.
    public static func parseStoreURL(_ value: String) throws -> StoreLocation {
        if value.hasPrefix("sqlite:") {
            var path = String(value.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw ConfigurationError(
                    "--store sqlite: needs a file path, such as sqlite:/var/lib/relayburn/burn.sqlite")
            }
            return .sqlite(path: path)
        }
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") { return .postgres(conninfo: value) }
        if value.hasPrefix("http://") || value.hasPrefix("https://") { return .http(baseURL: value) }
        if value == "memory:" || value == "memory" { return .memory }
        throw ConfigurationError(
            "--store \(StoreLocation.redact(value)) is not a store URL; use sqlite:PATH, postgres://..., "
                + "http(s)://... or memory:")
    }
}

/// A missing, malformed or contradictory setting; `description` names the flag or variable and the fix.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension ConfigurationError: RelayburnError {
    public var errorCode: String { "invalid_configuration" }
}
