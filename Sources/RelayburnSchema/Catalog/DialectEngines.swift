import Synchronization

/// The catalog's parsed dialect definitions (shared macros included) and their engines, built per dialect.
///
/// A catalog built from files a caller supplies parses every dialect up front, so a defective definition or macro
/// fails ``SchemaCatalog/init(files:checkDeclarations:)`` with its location. The embedded catalog, which every
/// command builds and the test suite checks eagerly, parses a dialect only when something first renders for it:
/// a SQLite command never parses the PostgreSQL definition, and none pays for the macros at start-up (~0.3 ms of
/// a no-op `migrate` otherwise).
final class DialectEngines: Sendable {
    private struct Built: Sendable {
        let definition: DialectDefinition
        let engine: TemplateEngine

        /// Parses one definition file with the shared macros included.
        init(_ file: TemplateSource, _ shared: [SharedMacro]) throws {
            definition = try DialectDefinition.parse(file).including(shared)
            engine = TemplateEngine(definition: definition)
        }
    }

    /// `templates/dialects/NAME.dialect` by dialect, for the ones still to parse.
    private let sources: [SQLDialect: TemplateSource]
    private let macroSources: [TemplateSource]
    private let built: Mutex<[SQLDialect: Built]>

    /// Parses every definition now.
    ///
    /// - Throws: `TemplateError` for a malformed definition or macro, `MigrationError.invalidMigrationSet` for a
    ///   missing dialect.
    init(eagerly definitionFiles: [TemplateSource], macros: [TemplateSource]) throws {
        let shared = try macros.map(SharedMacro.init(source:))
        var built: [SQLDialect: Built] = [:]
        for file in definitionFiles {
            let done = try Built(file, shared)
            built[done.definition.dialect] = done
        }
        for dialect in SQLDialect.allCases where built[dialect] == nil {
            throw MigrationError.invalidMigrationSet("\(Self.path(of: dialect)) is missing")
        }
        self.sources = [:]
        self.macroSources = macros
        self.built = Mutex(built)
    }

    /// Keeps the files and parses each dialect's on first use; a defect found then is a build defect of the
    /// binary (the test suite parses these same files eagerly), not an error a caller could handle.
    ///
    /// - Throws: `MigrationError.invalidMigrationSet` for a missing dialect.
    init(lazily definitionFiles: [TemplateSource], macros: [TemplateSource]) throws {
        var sources: [SQLDialect: TemplateSource] = [:]
        for dialect in SQLDialect.allCases {
            guard let file = definitionFiles.first(where: { $0.path == Self.path(of: dialect) }) else {
                throw MigrationError.invalidMigrationSet("\(Self.path(of: dialect)) is missing")
            }
            sources[dialect] = file
        }
        self.sources = sources
        self.macroSources = macros
        self.built = Mutex([:])
    }

    func engine(for dialect: SQLDialect) -> TemplateEngine { built(dialect).engine }

    func definition(for dialect: SQLDialect) -> DialectDefinition { built(dialect).definition }

    private func built(_ dialect: SQLDialect) -> Built {
        built.withLock { built in
            if let done = built[dialect] { return done }
            guard let source = sources[dialect] else {
                preconditionFailure("both initialisers provide every dialect")
            }
            do {
                let done = try Built(source, try macroSources.map(SharedMacro.init(source:)))
                built[dialect] = done
                return done
            } catch {
                preconditionFailure("the SQL compiled into relayburn is invalid: \(error)")
            }
        }
    }

    private static func path(of dialect: SQLDialect) -> String { "templates/dialects/\(dialect.rawValue).dialect" }
}
