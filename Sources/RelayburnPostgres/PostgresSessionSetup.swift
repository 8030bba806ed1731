import CLibPQ
public import RelayburnSchema

/// The settings of `templates/session/configure_postgres.sql` in the two forms a new session can take them:
/// startup options (`-c name=value`), which travel in the connection's startup packet and cost no round trip,
/// or the script itself, run after connecting.
///
/// The template stays the one place the settings are written, so it may hold only `SET name = value;` lines
/// (and comments); anything else is refused here rather than sent half-applied.
public struct PostgresSessionSetup: Sendable {
    /// The rendered template, for sessions that cannot take startup options.
    public let script: RenderedStatement
    /// `-c name=value` for each `SET name = value;` of the script, in order.
    public let startupOptions: String

    /// Reads the settings of `script`.
    ///
    /// - Throws: `TemplateError.invalidSyntax` at the first line that is not `SET name = value;`, a comment or
    ///   blank, or whose value would need quoting in startup options.
    public init(script: RenderedStatement) throws {
        self.script = script
        var options: [String] = []
        var offset = 0
        for line in script.sql.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { offset += line.utf8.count + 1 }
            let text = String(line).trimmingSpaces
            if text.isEmpty || text.hasPrefix("--") { continue }
            guard let setting = Self.setting(in: text) else {
                throw TemplateError(
                    code: .invalidSyntax,
                    location: script.sourceMap.location(ofUTF8Offset: offset)
                        ?? SourceLocation(file: "templates/session/configure_postgres.sql", line: 1, column: 1),
                    message: "\(text) is not SET name = value; with a plain value",
                    hint: "the session settings are sent as startup options, so only such lines can be used")
            }
            options.append("-c \(setting.name)=\(setting.value)")
        }
        startupOptions = options.joined(separator: " ")
    }

    /// The `options` a session sends: what libpq would use without us (the connection string's own `options`,
    /// else `PGOPTIONS`), followed by ours, so ours win as the script's `SET`s did after connecting. `nil` when
    /// a connection service is named, whose file may hold `options` that only libpq reads; such a session
    /// runs the script instead.
    ///
    /// - Parameters:
    ///   - conninfo: the user's connection string, read with libpq's own parser and still passed on unchanged.
    ///   - environment: looks up `PGSERVICE` and `PGOPTIONS`.
    func options(for conninfo: String, environment: (String) -> String?) -> String? {
        let user = Self.explicitSettings(in: conninfo)
        let inherited: String
        if let explicit = user.options {
            inherited = explicit
        } else if user.namesService || environment("PGSERVICE") != nil {
            return nil
        } else {
            inherited = environment("PGOPTIONS") ?? ""
        }
        if startupOptions.isEmpty { return inherited }
        return inherited.allSatisfy(\.isWhitespace) ? startupOptions : inherited + " " + startupOptions
    }

    /// `options` and whether `service` are set in the connection string itself. A string libpq cannot parse
    /// (a bare database name, or a malformed string that connecting will report) sets neither.
    private static func explicitSettings(in conninfo: String) -> (options: String?, namesService: Bool) {
        // Connecting loads libpq first and reports a failure to load; this only needs it to be there.
        guard relayburn_pq_load(nil, 0) == 1 else { return (nil, false) }
        var error: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(conninfo, &error) else {
            if let error { PQfreemem(error) }
            return (nil, false)
        }
        defer { PQconninfoFree(parsed) }
        var options: String?
        var namesService = false
        var cursor = parsed
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                switch String(cString: keyword) {
                case "options": options = String(cString: value)
                case "service": namesService = true
                default: break
                }
            }
            cursor += 1
        }
        return (options, namesService)
    }

    /// `name` and `value` of `SET name = value;` when both need no quoting in `-c name=value`.
    private static func setting(in text: String) -> (name: String, value: String)? {
        guard text.hasPrefix("SET "), text.hasSuffix(";") else { return nil }
        let assignment = text.dropFirst(4).dropLast()
        let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let name = String(parts[0]).trimmingSpaces
        let value = String(parts[1]).trimmingSpaces
        let nameCharacters = name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        let valueCharacters = value.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        guard !name.isEmpty, !value.isEmpty, nameCharacters, valueCharacters else { return nil }
        return (name, value)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}
