/// Reads the line-based dialect definition format described on ``DialectDefinition``.
struct DialectDefinitionParser {
    private static let objectKinds: Set<String> = ["table", "index", "trigger"]

    let source: TemplateSource

    private var dialect: (value: SQLDialect, location: SourceLocation)?
    private var constants: [String: String] = [:]
    private var constantBodies: [String: ParsedTemplate] = [:]
    private var macros: [String: DialectDefinition.Macro] = [:]
    private var macroBodies: [String: ParsedTemplate] = [:]
    private var objects: [DialectDefinition.DialectOnlyObject] = []
    /// Where each constant or macro name was first defined; they share one namespace.
    private var definitions: [String: SourceLocation] = [:]

    init(source: TemplateSource) {
        self.source = source
    }

    consuming func parse() throws -> DialectDefinition {
        // Split on bytes: "\r\n" is a single Character, so splitting the String on "\n" would miss it.
        let lines = Array(source.text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            var bytes = Array(line)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            var scanner = LineScanner(file: source.path, line: offset + 1, bytes: bytes)
            try parseLine(&scanner)
        }
        guard let dialect else {
            throw TemplateError(
                code: .invalidSyntax, location: SourceLocation(file: source.path, line: 1, column: 1),
                message: "missing 'dialect NAME' line",
                hint: "start the file with 'dialect sqlite' or 'dialect postgres'")
        }
        return DialectDefinition(
            dialect: dialect.value, constants: constants, macros: macros, dialectOnlyObjects: objects,
            constantBodies: constantBodies, macroBodies: macroBodies)
    }

    private mutating func parseLine(_ scanner: inout LineScanner) throws {
        scanner.skipSpaces()
        if scanner.isAtEnd || scanner.hasPrefix("--") { return }
        let start = scanner.location
        guard let directive = scanner.identifier() else {
            throw invalid(start, "expected a directive", hint: "use dialect, const, macro or only")
        }
        if dialect == nil && directive != "dialect" {
            throw invalid(
                start, "expected 'dialect NAME' before '\(directive)'",
                hint: "start the file with 'dialect sqlite' or 'dialect postgres'")
        }
        switch directive {
        case "dialect": try parseDialect(&scanner, start: start)
        case "const": try parseConstant(&scanner, start: start)
        case "macro": try parseMacro(&scanner, start: start)
        case "only": try parseOnly(&scanner, start: start)
        default:
            throw invalid(start, "unknown directive '\(directive)'", hint: "use dialect, const, macro or only")
        }
    }

    private mutating func parseDialect(_ scanner: inout LineScanner, start: SourceLocation) throws {
        scanner.skipSpaces()
        let nameLocation = scanner.location
        guard let name = scanner.identifier(), scanner.restIsBlank() else {
            throw invalid(start, "malformed dialect line", hint: "write 'dialect sqlite' or 'dialect postgres'")
        }
        if let previous = dialect {
            throw TemplateError(
                code: .duplicateDefinition, location: start,
                message: "the dialect is already declared at \(previous.location)", hint: "remove this line")
        }
        guard let value = SQLDialect(rawValue: name) else {
            throw TemplateError(
                code: .unknownDialect, location: nameLocation, message: "unknown dialect '\(name)'",
                hint: "use one of \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        dialect = (value, start)
    }

    private mutating func parseConstant(_ scanner: inout LineScanner, start: SourceLocation) throws {
        let malformed = invalid(start, "malformed constant", hint: "write 'const NAME = value'")
        scanner.skipSpaces()
        let nameLocation = scanner.location
        guard let name = scanner.identifier() else { throw malformed }
        scanner.skipSpaces()
        guard scanner.consume("=") else { throw malformed }
        try define(name, at: nameLocation)
        let (value, valueLocation) = scanner.restTrimmed()
        constants[name] = value
        constantBodies[name] = try parseBody(value, at: valueLocation)
    }

    private mutating func parseMacro(_ scanner: inout LineScanner, start: SourceLocation) throws {
        let malformed = invalid(start, "malformed macro", hint: "write 'macro name(a, b) = body'")
        guard let signature = try scanner.macroSignature() else { throw malformed }
        let (name, nameLocation, parameters) = (signature.name, signature.nameLocation, signature.parameters)
        scanner.skipSpaces()
        guard scanner.consume("=") else { throw malformed }
        try define(name, at: nameLocation)
        let (body, bodyLocation) = scanner.restTrimmed()
        macros[name] = DialectDefinition.Macro(name: name, parameters: parameters, body: body, location: start)
        macroBodies[name] = try parseBody(body, at: bodyLocation)
    }

    private mutating func parseOnly(_ scanner: inout LineScanner, start: SourceLocation) throws {
        let malformed = invalid(start, "malformed dialect-only declaration", hint: "write 'only table NAME'")
        scanner.skipSpaces()
        let kindLocation = scanner.location
        guard let kind = scanner.identifier() else { throw malformed }
        guard Self.objectKinds.contains(kind) else {
            throw invalid(kindLocation, "unknown object kind '\(kind)'", hint: "use table, index or trigger")
        }
        scanner.skipSpaces()
        guard var name = scanner.nameWithDigits() else { throw malformed }
        if scanner.consume("*") { name += "*" }
        guard scanner.restIsBlank() else { throw malformed }
        objects.append(DialectDefinition.DialectOnlyObject(kind: kind, name: name))
    }

    private mutating func define(_ name: String, at location: SourceLocation) throws {
        if let previous = definitions[name] {
            throw TemplateError(
                code: .duplicateDefinition, location: location,
                message: "'\(name)' is already defined at \(previous)", hint: "remove or rename one of the definitions")
        }
        definitions[name] = location
    }

    private func parseBody(_ body: String, at location: SourceLocation) throws -> ParsedTemplate {
        let text = TemplateText(file: source.path, text: body, firstLine: location.line, firstColumn: location.column)
        return try TemplateParser(text).parse()
    }

    private func invalid(_ location: SourceLocation, _ message: String, hint: String) -> TemplateError {
        TemplateError(code: .invalidSyntax, location: location, message: message, hint: hint)
    }
}
