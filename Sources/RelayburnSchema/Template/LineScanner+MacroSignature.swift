extension LineScanner {
    /// A macro's `name(p1, p2)` as both definition formats write it (dialect files and shared macro files).
    struct MacroSignature {
        let name: String
        let nameLocation: SourceLocation
        let parameters: [String]
    }

    /// Reads `name(p1, p2)` after the `macro` keyword; `nil` when it is malformed.
    ///
    /// - Throws: `TemplateError` (`duplicateDefinition`) at a parameter named twice.
    mutating func macroSignature() throws -> MacroSignature? {
        skipSpaces()
        let nameLocation = location
        guard let name = identifier() else { return nil }
        skipSpaces()
        guard consume("(") else { return nil }
        var parameters: [String] = []
        skipSpaces()
        if !consume(")") {
            while true {
                skipSpaces()
                let parameterLocation = location
                guard let parameter = identifier() else { return nil }
                guard !parameters.contains(parameter) else {
                    throw TemplateError(
                        code: .duplicateDefinition, location: parameterLocation,
                        message: "parameter '\(parameter)' appears twice in macro \(name)", hint: "rename one of them")
                }
                parameters.append(parameter)
                skipSpaces()
                if consume(")") { break }
                guard consume(",") else { return nil }
            }
        }
        return MacroSignature(name: name, nameLocation: nameLocation, parameters: parameters)
    }
}
