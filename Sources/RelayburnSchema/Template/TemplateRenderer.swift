/// Expands the placeholders and dialect blocks of a parsed template for one dialect definition.
///
/// Expansion is bounded three ways (depth, number of expansions, output size) so that a constant or
/// macro that refers to itself, directly or through doubling, ends in `macroRecursion` instead of a stack
/// overflow or a hang.
struct TemplateRenderer {
    /// How deeply constants and macros may expand inside one another.
    static let maximumDepth = 32
    /// How many constants and macros one template may expand in total.
    static let maximumExpansions = 100_000
    /// How large one rendered template may grow.
    static let maximumOutputBytes = 16 << 20

    private let definition: DialectDefinition
    private var expansions = 0

    init(definition: DialectDefinition) {
        self.definition = definition
    }

    /// Renders a parsed template; parameters are left as `:name` for ``ParameterBinder``.
    mutating func render(_ template: ParsedTemplate) throws -> OutputBuilder {
        var output = OutputBuilder()
        try render(template.nodes, in: template.text, parameters: [:], origin: nil, depth: 0, into: &output)
        return output
    }

    /// - Parameters:
    ///   - parameters: The rendered arguments of the macro whose body is being rendered, by parameter name.
    ///   - origin: Where text rendered from a dialect definition body is attributed in the source map (the
    ///     outermost placeholder in the template); `nil` while rendering the template itself.
    private mutating func render(
        _ nodes: [TemplateNode], in text: TemplateText, parameters: [String: OutputBuilder], origin: SourceLocation?,
        depth: Int, into output: inout OutputBuilder
    ) throws {
        for node in nodes {
            switch node {
            case .text(let range):
                if let origin {
                    output.append(text.bytes[range], location: origin, advances: false)
                } else {
                    output.appendLiteral(text, range)
                }
            case .conditional(let block):
                let branch = block.dialect == definition.dialect ? block.thenBranch : block.elseBranch
                try render(branch, in: text, parameters: parameters, origin: origin, depth: depth, into: &output)
            case .placeholder(let placeholder):
                try expand(
                    placeholder, in: text, parameters: parameters, origin: origin, depth: depth, into: &output)
                guard output.bytes.count <= Self.maximumOutputBytes else {
                    throw TemplateError(
                        code: .macroRecursion, location: placeholder.location,
                        message: "{{\(placeholder.name)}} expands to more than \(Self.maximumOutputBytes) bytes",
                        hint: Self.recursionHint)
                }
            }
        }
    }

    private mutating func expand(
        _ placeholder: TemplateNode.Placeholder, in text: TemplateText, parameters: [String: OutputBuilder],
        origin: SourceLocation?, depth: Int, into output: inout OutputBuilder
    ) throws {
        let name = placeholder.name
        // Macro parameters shadow constants and macros inside the macro's own body.
        if let argument = parameters[name] {
            guard placeholder.arguments == nil else {
                throw error(.wrongArgumentCount, placeholder, "macro parameter {{\(name)}} takes no arguments")
            }
            output.append(argument)
            return
        }
        guard depth < Self.maximumDepth else {
            throw error(
                .macroRecursion, placeholder, "{{\(name)}} expands more than \(Self.maximumDepth) levels deep",
                hint: Self.recursionHint)
        }
        expansions += 1
        guard expansions <= Self.maximumExpansions else {
            throw error(
                .macroRecursion, placeholder,
                "the template expands more than \(Self.maximumExpansions) constants and macros",
                hint: Self.recursionHint)
        }
        let bodyOrigin = origin ?? placeholder.location

        if let body = definition.constantBodies[name] {
            if let arguments = placeholder.arguments {
                throw error(
                    .wrongArgumentCount, placeholder,
                    "{{\(name)}} is a constant and takes no arguments, but was given \(arguments.count)",
                    hint: "write {{\(name)}}")
            }
            try render(body.nodes, in: body.text, parameters: [:], origin: bodyOrigin, depth: depth + 1, into: &output)
        } else if let macro = definition.macros[name], let body = definition.macroBodies[name] {
            let signature = "\(name)(\(macro.parameters.joined(separator: ", ")))"
            guard let arguments = placeholder.arguments else {
                throw error(
                    .invalidSyntax, placeholder, "{{\(name)}} is a macro and needs arguments",
                    hint: "write {{\(signature)}}")
            }
            guard arguments.count == macro.parameters.count else {
                throw error(
                    .wrongArgumentCount, placeholder,
                    "macro \(name) takes \(macro.parameters.count) argument\(macro.parameters.count == 1 ? "" : "s")"
                        + " but was given \(arguments.count)",
                    hint: "call it as {{\(signature)}}")
            }
            // Arguments render in the caller's scope, before they are substituted into the body.
            var bindings: [String: OutputBuilder] = [:]
            for (parameter, argument) in zip(macro.parameters, arguments) {
                var fragment = OutputBuilder()
                try render(argument, in: text, parameters: parameters, origin: origin, depth: depth, into: &fragment)
                bindings[parameter] = fragment
            }
            try render(
                body.nodes, in: body.text, parameters: bindings, origin: bodyOrigin, depth: depth + 1, into: &output)
        } else {
            throw error(
                .unknownPlaceholder, placeholder, "unknown placeholder {{\(name)}}",
                hint: "define it in templates/dialects/sqlite.dialect and templates/dialects/postgres.dialect")
        }
    }

    private static let recursionHint = "check templates/dialects/ for a constant or macro that refers to itself"

    private func error(
        _ code: TemplateError.Code, _ placeholder: TemplateNode.Placeholder, _ message: String, hint: String? = nil
    ) -> TemplateError {
        TemplateError(code: code, location: placeholder.location, message: message, hint: hint)
    }
}
