import CLibPQ
public import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

/// One libpq connection, finished when the object goes away.
///
/// Confined to one ``PostgresDatabase`` queue. The user's connection string goes to libpq unparsed, so URIs,
/// `key=value` strings, `PG*` variables, `sslmode`, unix sockets and `.pgpass` behave exactly as in `psql`.
public final class PostgresConnection {
    let handle: OpaquePointer

    /// Connects and configures the session; `applicationName` is a fallback, so an `application_name` in the
    /// connection string wins.
    ///
    /// The session settings travel as startup options merged after the user's own (see
    /// ``PostgresSessionSetup``), so a new session costs no round trip beyond libpq's own. When a connection
    /// service is named, or the server side refuses startup options (PgBouncer does unless told to ignore
    /// them), the session connects without them and runs the settings script instead.
    ///
    /// - Throws: `DatabaseError` with SQLSTATE `08001` and libpq's message when libpq cannot be loaded or the
    ///   connection fails; the script's `DatabaseError` when configuring the session fails.
    public init(conninfo: String, applicationName: String, session: PostgresSessionSetup) throws {
        var loadError = [CChar](repeating: 0, count: 512)
        guard relayburn_pq_load(&loadError, loadError.count) == 1 else {
            let reason = String(decoding: loadError.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw DatabaseError(
                code: "08001",
                message:
                    "cannot load libpq, the PostgreSQL client library (\(reason)); install the Debian package libpq5")
        }
        if let options = session.options(for: conninfo, environment: Self.environmentValue) {
            do {
                handle = try Self.connect(conninfo: conninfo, applicationName: applicationName, options: options)
                return
            } catch let error as DatabaseError where error.message.contains("unsupported startup parameter") {
                // A connection pooler that passes only the parameters it tracks; configure the session by SQL.
            }
        }
        handle = try Self.connect(conninfo: conninfo, applicationName: applicationName, options: nil)
        try execute(script: session.script)
    }

    /// Opens a libpq connection: the user's string expanded first, then our keywords, which libpq applies after
    /// it ("when key words are repeated, the last processed value is retained"), so `options` replaces the
    /// string's own; ``PostgresSessionSetup`` has already merged that one in.
    private static func connect(conninfo: String, applicationName: String, options: String?) throws -> OpaquePointer {
        var keywords = ["dbname", "fallback_application_name"]
        var values = [conninfo, applicationName]
        if let options {
            keywords.append("options")
            values.append(options)
        }
        let connection: OpaquePointer? = keywords.withCStrings { keywordPointers in
            values.withCStrings { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw DatabaseError(code: "08001", message: "cannot connect to PostgreSQL: libpq is out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            // PQconnectdb "returns a non-null PGconn even on failure"; PQfinish must still free it.
            let message = String(cString: PQerrorMessage(connection)).asOneSentence
            PQfinish(connection)
            throw DatabaseError(code: "08001", message: "cannot connect to PostgreSQL: \(message)")
        }
        // libpq prints notices, and errors that arrive while no query runs ("FATAL: terminating connection due
        // to administrator command" when the server restarts), straight to stderr. The broken connection
        // surfaces as the next statement's error, rendered like every other; the raw line would only interleave
        // with the CLI's own output.
        _ = PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return connection
    }

    private static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether the connection is still usable.
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Runs a script of one or more statements without parameters (simple query protocol).
    ///
    /// - Throws: `DatabaseError` with SQLSTATE, detail, hint and the template location of the error position.
    public func execute(script: RenderedStatement) throws {
        let result = PQexec(handle, script.sql)
        defer { PQclear(result) }
        try check(result, statement: script)
    }

    /// Runs one statement with text-format parameters and returns every row.
    ///
    /// - Throws: `DatabaseError` attributed to the statement.
    public func query(_ statement: RenderedStatement, bindings: [SQLValue] = []) throws -> [[SQLValue]] {
        let result = try execute(statement, bindings: bindings)
        defer { PQclear(result) }
        guard let result else { return [] }
        return rows(of: result)
    }

    /// Every row of a result, each column converted by its type.
    private func rows(of result: OpaquePointer) -> [[SQLValue]] {
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        let types = (0..<columnCount).map { PQftype(result, $0) }
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            rows.append(
                (0..<columnCount).map { column in
                    Self.value(result, row: row, column: column, type: types[Int(column)])
                })
        }
        return rows
    }

    /// Runs one statement with text-format parameters and returns every row with the column names.
    ///
    /// - Throws: `DatabaseError` attributed to the statement.
    public func namedQuery(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> NamedRows {
        let result = try execute(statement, bindings: bindings)
        defer { PQclear(result) }
        guard let result else { return NamedRows(columns: [], rows: []) }
        let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        return NamedRows(columns: columns, rows: rows(of: result))
    }

    /// Runs one statement with text-format parameters; the caller clears the result.
    func execute(_ statement: RenderedStatement, bindings: [SQLValue]) throws -> OpaquePointer? {
        let texts: [String?] = bindings.map(Self.textParameter)
        let result: OpaquePointer? = texts.withOptionalCStrings { pointers in
            PQexecParams(handle, statement.sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        do {
            try check(result, statement: statement)
        } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    /// Sends one statement and switches to single-row mode: the server streams the rows and
    /// ``nextStreamedRows(limit:statement:)`` takes them as they arrive, so memory holds only what is taken.
    /// The connection serves nothing else until the stream ends.
    ///
    /// - Throws: `DatabaseError` when the statement cannot be sent.
    public func sendStreaming(_ statement: RenderedStatement, bindings: [SQLValue]) throws {
        let texts: [String?] = bindings.map(Self.textParameter)
        let sent = texts.withOptionalCStrings { pointers in
            PQsendQueryParams(handle, statement.sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        guard sent == 1 else {
            throw DatabaseError(
                code: isHealthy ? "XX000" : "08006",
                message: String(cString: PQerrorMessage(handle)).asOneSentence,
                statementName: statement.name)
        }
        // Refused only when no query is pending, which cannot be the case right after a successful send.
        _ = PQsetSingleRowMode(handle)
    }

    /// Up to `limit` more rows of the statement sent by ``sendStreaming(_:bindings:)``; fewer means the
    /// statement has finished and the connection is free again.
    ///
    /// - Throws: `DatabaseError` attributed to `statement` when the statement fails; the connection is drained
    ///   first, so it is free again too.
    public func nextStreamedRows(limit: Int, statement: RenderedStatement) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try nextStreamedResults(limit: limit, statement: statement) { result in
            rows.append(
                (0..<PQnfields(result)).map { Self.value(result, row: 0, column: $0, type: PQftype(result, $0)) })
        }
        return rows
    }

    /// Hands up to `limit` single-row results of the streaming statement to `row`, valid only during the call.
    func nextStreamedResults(limit: Int, statement: RenderedStatement, _ row: (OpaquePointer) throws -> Void) throws {
        var taken = 0
        while taken < limit {
            guard let result = PQgetResult(handle) else { return }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                taken += 1
                do {
                    try row(result)
                } catch {
                    // Nothing may be left pending on the connection when the caller sees the failure.
                    while let rest = PQgetResult(handle) { PQclear(rest) }
                    throw error
                }
            case PGRES_TUPLES_OK:
                continue  // the zero-row result that ends a single-row stream; the next one is NULL
            default:
                do {
                    try check(result, statement: statement)
                } catch {
                    while let rest = PQgetResult(handle) { PQclear(rest) }
                    throw error
                }
            }
        }
    }

    /// Parameters travel in text format; bytes use bytea's hex input form.
    private static func textParameter(_ value: SQLValue) -> String? {
        guard case .blob(let bytes) = value else { return value.textValue }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        hex.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func value(_ result: OpaquePointer, row: Int32, column: Int32, type: Oid) -> SQLValue {
        if PQgetisnull(result, row, column) != 0 { return .null }
        guard let raw = PQgetvalue(result, row, column) else { return .null }
        let text = String(cString: raw)
        switch type {
        case 20, 21, 23: return Int64(text).map(SQLValue.integer) ?? .text(text)  // int8, int2, int4
        case 700, 701: return Double(text).map(SQLValue.real) ?? .text(text)  // float4, float8
        case 17: return decodeByteaHex(text).map(SQLValue.blob) ?? .text(text)  // bytea, hex output format
        default: return .text(text)
        }
    }

    private static func decodeByteaHex(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            return nil
        }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Throws the server's error for a failed result, reading every diagnostic field before `PQclear`.
    private func check(_ result: OpaquePointer?, statement: RenderedStatement) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK, status != PGRES_EMPTY_QUERY else { return }
        guard let result else {
            throw DatabaseError(
                code: isHealthy ? "XX000" : "08006",
                message: String(cString: PQerrorMessage(handle)).asOneSentence,
                statementName: statement.name)
        }
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let message = field(RELAYBURN_PG_DIAG_MESSAGE_PRIMARY) ?? String(cString: PQerrorMessage(handle)).asOneSentence
        let position = field(RELAYBURN_PG_DIAG_STATEMENT_POSITION).flatMap(Int.init)
        let location = position.flatMap {
            statement.sourceMap.location(ofUTF8Offset: statement.sql.utf8Offset(ofCharacter: $0 - 1))
        }
        throw DatabaseError(
            code: field(RELAYBURN_PG_DIAG_SQLSTATE) ?? (isHealthy ? "XX000" : "08006"),
            message: message.trimmingTrailingWhitespace, detail: field(RELAYBURN_PG_DIAG_MESSAGE_DETAIL),
            hint: field(RELAYBURN_PG_DIAG_MESSAGE_HINT), statementName: statement.name, location: location)
    }

    /// Asks the server to cancel the running statement; safe from any thread.
    static func cancel(_ handle: OpaquePointer) {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }
}

@available(*, unavailable)
extension PostgresConnection: Sendable {}

extension String {
    /// libpq's multi-line message ("connection to server … failed: Connection refused\n\tIs the server
    /// running…?", "FATAL:  the database system is shutting down") as one line without severity labels.
    var asOneSentence: String {
        var text = self
        for label in ["FATAL:  ", "ERROR:  ", "PANIC:  "] { text = text.replacing(label, with: "") }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.drop(while: \.isWhitespace).trimmingTrailingWhitespace }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    /// PostgreSQL reports error positions in characters; the source map speaks UTF-8 bytes.
    func utf8Offset(ofCharacter characterOffset: Int) -> Int {
        var offset = 0
        for (index, scalar) in unicodeScalars.enumerated() {
            if index >= characterOffset { break }
            offset += String(scalar).utf8.count
        }
        return offset
    }
}

extension StringProtocol {
    var trimmingTrailingWhitespace: String {
        var text = String(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
