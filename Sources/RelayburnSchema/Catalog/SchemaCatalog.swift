/// Every migration and template this relayburn knows, with one template engine per dialect.
///
/// The compiled-in copy is ``embedded``; tests build catalogs from their own file lists to inject migrations.
public struct SchemaCatalog: Sendable {
    /// The migrations in version order, contiguous from 1.
    public let migrations: [Migration]
    /// Statement templates keyed by their path under `templates/` without `.sql` (`runner/read_schema_versions`).
    public let statements: [String: TemplateSource]
    /// The parsed dialect definitions (`templates/dialects/NAME.dialect`).
    public var dialects: [SQLDialect: DialectDefinition] {
        Dictionary(uniqueKeysWithValues: SQLDialect.allCases.map { ($0, engines.definition(for: $0)) })
    }
    /// Intentional edits of applied migrations (`templates/migrations.accept`; empty when there is none).
    public let acceptList: ChecksumAcceptList
    /// Data the templates' statements load, keyed by path under `templates/data/` (`model-prices.json`).
    public let data: [String: String]
    private let engines: DialectEngines

    /// The migrations and templates compiled into this binary.
    ///
    /// `EmbeddedSQL` is generated on every build by the `EmbedSQLPlugin` build-tool plugin from the files
    /// under `migrations/` and `templates/`, so it matches the tree the binary was built from.
    public static let embedded: SchemaCatalog = {
        do {
            // Every command builds this catalog, so the additive-declaration checks, which read every statement of
            // every additive migration, are left to the test suite (MigrationCatalogTests builds these same files
            // with them on); a bad declaration cannot reach a release that passed it.
            return try SchemaCatalog(files: EmbeddedSQL.files, checkDeclarations: false, parseDialectsLazily: true)
        } catch {
            // The embedded files are checked by the test suite; reaching this is a build defect, not user input.
            preconditionFailure("the SQL compiled into relayburn is invalid: \(error)")
        }
    }()

    /// The files compiled into this binary, for deriving test catalogs and checking them against the disk.
    public static var embeddedFiles: [TemplateSource] { EmbeddedSQL.files }

    /// Builds a catalog from repository-relative files (`migrations/…`, `templates/…`).
    ///
    /// - Throws: `MigrationError.invalidFileName` for a stray file in `migrations/`,
    ///   `MigrationError.invalidMigrationSet` for duplicate or missing versions, `TemplateError` for a
    ///   malformed dialect definition.
    ///
    /// `checkDeclarations` runs the additive-migration rules (``AdditiveRules``); only ``embedded`` skips them (and
    /// the shape rules of no-transaction and backfill migrations, ``MigrationShapeRules``, which every other
    /// catalog runs).
    public init(files: [TemplateSource], checkDeclarations: Bool = true) throws {
        try self.init(files: files, checkDeclarations: checkDeclarations, parseDialectsLazily: false)
    }

    private init(files: [TemplateSource], checkDeclarations: Bool, parseDialectsLazily: Bool) throws {
        var migrations: [Migration] = []
        var statements: [String: TemplateSource] = [:]
        var dialectFiles: [TemplateSource] = []
        var macroFiles: [TemplateSource] = []
        var acceptList = ChecksumAcceptList()
        var data: [String: String] = [:]
        for file in files {
            if file.path.hasPrefix("templates/data/") {
                data[String(file.path.dropFirst("templates/data/".count))] = file.text
            } else if file.path == ChecksumAcceptList.path {
                acceptList = try ChecksumAcceptList(source: file)
            } else if file.path.hasPrefix("migrations/") {
                migrations.append(try Migration(source: file))
            } else if file.path.hasPrefix("templates/dialects/") && file.path.hasSuffix(".dialect") {
                dialectFiles.append(file)
            } else if file.path.hasPrefix("templates/macros/") && file.path.hasSuffix(".sql") {
                macroFiles.append(file)
            } else if file.path.hasPrefix("templates/") && file.path.hasSuffix(".sql") {
                statements[String(file.path.dropFirst("templates/".count).dropLast(".sql".count))] = file
            } else {
                throw MigrationError.invalidMigrationSet("\(file.path) is neither a migration nor a template")
            }
        }
        migrations.sort { $0.version < $1.version }
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            let problem =
                index > 0 && migrations[index - 1].version == migration.version
                ? "version \(migration.version) appears twice"
                : "version \(index + 1) is missing before \(migration.label)"
            throw MigrationError.invalidMigrationSet(problem)
        }
        self.engines =
            parseDialectsLazily
            ? try DialectEngines(lazily: dialectFiles, macros: macroFiles)
            : try DialectEngines(eagerly: dialectFiles, macros: macroFiles)
        self.migrations = migrations
        self.statements = statements
        self.acceptList = acceptList
        self.data = data
        if checkDeclarations {
            for migration in migrations { try AdditiveRules.check(migration) }
            try AdditiveCodeWrites.check(migrations, statements: statements)
        }
        // Only no-transaction and backfill migrations render here. The embedded ones are checked by the suite, which
        // builds the same files eagerly, so a SQLite command never parses PostgreSQL's definition for them.
        if !parseDialectsLazily {
            for migration in migrations { try MigrationShapeRules.check(migration, engine: engine(for: .postgres)) }
        }
    }

    /// The latest version known (0 when there are no migrations).
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The compatibility floors of a store at `version`: folded over the declarations of migrations 1…version.
    public func floors(through version: Int) -> CompatibilityFloors {
        migrations.prefix(version).reduce(CompatibilityFloors(read: 0, write: 0)) { floors, migration in
            floors.after(migration.version, migration.compat)
        }
    }

    /// The engine rendering for `dialect`.
    public func engine(for dialect: SQLDialect) -> TemplateEngine { engines.engine(for: dialect) }

    /// Renders the statement template `templates/NAME.sql` for `dialect`.
    ///
    /// - Throws: `TemplateError` when the template does not render; `MigrationError.invalidMigrationSet` when
    ///   there is no such template.
    public func statement(_ name: String, for dialect: SQLDialect) throws -> RenderedStatement {
        guard let source = statements[name] else {
            throw MigrationError.invalidMigrationSet("templates/\(name).sql is missing")
        }
        return try engine(for: dialect).render(source)
    }

    /// Renders a migration for `dialect`.
    public func render(_ migration: Migration, for dialect: SQLDialect) throws -> RenderedStatement {
        try engine(for: dialect).render(migration.source)
    }

    /// The checksum of `migration`'s SQL as this binary renders it for `dialect`, comments and whitespace
    /// normalised (``EffectiveSQL``): what `schema_versions.sql_checksum` records.
    public func effectiveChecksum(of migration: Migration, for dialect: SQLDialect) throws -> String {
        EffectiveSQL.checksum(try render(migration, for: dialect).sql, dialect: dialect)
    }
}
