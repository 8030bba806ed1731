/// `relayburn migrate lint`: the static rules (``LintRules``) over each dialect's rendering of each migration, the
/// compatibility declarations' checks, and the `-- relayburn: allow RULE reason="…"` escapes.
public enum MigrationLinter {
    /// What one lint run found, and what it looked at.
    public struct Report: Sendable, Equatable {
        /// Unsilenced findings, ordered by version, line, column, dialect and rule.
        public var findings: [LintFinding]
        /// Findings an `allow` directive silenced, in the same order.
        public var allowed: [LintFinding]
        public var migrationsChecked: Int
        public var dialects: [SQLDialect]
    }

    /// Lints migrations `from` and later of `catalog` in each of `dialects`.
    ///
    /// - Throws: `TemplateError` when a migration does not render (a build defect the suite catches first).
    public static func lint(
        _ catalog: SchemaCatalog, dialects: [SQLDialect] = SQLDialect.allCases, from: Int = 1
    ) throws -> Report {
        let migrations = catalog.migrations.filter { $0.version >= from }
        var findings: [LintFinding] = []
        var allowed: [LintFinding] = []
        for migration in migrations {
            let allows = AllowDirectives(migration.source)
            for dialect in dialects {
                for finding in try lint(migration, dialect: dialect, catalog: catalog) {
                    if allows.silences(finding) { allowed.append(finding) } else { findings.append(finding) }
                }
            }
            if let dialect = dialects.first { findings += allows.malformed(version: migration.version, dialect: dialect) }
            for finding in compatibilityFindings(migration, catalog: catalog, dialects: dialects) {
                if allows.silences(finding) { allowed.append(finding) } else { findings.append(finding) }
            }
        }
        return Report(
            findings: ordered(findings), allowed: ordered(allowed), migrationsChecked: migrations.count,
            dialects: dialects)
    }

    static func lint(_ migration: Migration, dialect: SQLDialect, catalog: SchemaCatalog) throws -> [LintFinding] {
        let rendered = try catalog.engine(for: dialect).render(migration.ddlSource)
        let statements = LintStatementSplitter.statements(of: rendered.sql)
        let hasDDL = statements.contains { ["CREATE", "ALTER", "DROP"].contains($0.topLevel.first ?? "") }
        var rules = LintRules(dialect: dialect, kind: migration.kind)
        var findings: [LintFinding] = []
        func location(_ offset: Int) -> SourceLocation {
            rendered.sourceMap.location(ofUTF8Offset: offset)
                ?? SourceLocation(file: migration.source.path, line: 1, column: 1)
        }
        for statement in statements {
            for (rule, message) in rules.check(statement, hasDDL: hasDDL) {
                findings.append(
                    LintFinding(
                        rule: rule, dialect: dialect, version: migration.version, location: location(statement.offset),
                        message: message))
            }
            if let parameter = statement.words.first(where: { $0.text.hasPrefix(dialect == .postgres ? "$" : "?") }),
                parameter.text.dropFirst().allSatisfy(\.isNumber), parameter.text.count > 1
            {
                let name = rendered.parameters.first.map { ":\($0)" } ?? parameter.text
                findings.append(
                    LintFinding(
                        rule: .parameterInMigration, dialect: dialect, version: migration.version,
                        location: location(statement.offset),
                        message: "\(name) renders to \(parameter.text), which is executed with no value bound"))
            }
        }
        return findings
    }

    /// The additive rules (``AdditiveRules``, ``AdditiveCodeWrites``) as findings: they refuse a catalog at build
    /// time, and lint reports the same refusal with its file and line, on each dialect asked for.
    static func compatibilityFindings(
        _ migration: Migration, catalog: SchemaCatalog, dialects: [SQLDialect]
    ) -> [LintFinding] {
        var problems: [(line: Int, detail: String)] = []
        do {
            try AdditiveRules.check(migration)
            try AdditiveCodeWrites.check([migration], statements: catalog.statements)
        } catch let error as MigrationError {
            // "path:line: detail", as the catalog refuses it.
            let prefix = migration.source.path + ":"
            let rest = error.description.hasPrefix(prefix) ? error.description.dropFirst(prefix.count) : ""
            let line = Int(rest.prefix(while: \.isNumber)) ?? 1
            let detail = rest.drop(while: \.isNumber).drop(while: { $0 == ":" || $0 == " " })
            problems.append((line, detail.isEmpty ? error.description : String(detail)))
        } catch {
            problems.append((1, "\(error)"))
        }
        return problems.flatMap { problem in
            dialects.prefix(1).map { dialect in
                LintFinding(
                    rule: .compatibility, dialect: dialect, version: migration.version,
                    location: SourceLocation(file: migration.source.path, line: problem.line, column: 1),
                    message: problem.detail)
            }
        }
    }

    static func ordered(_ findings: [LintFinding]) -> [LintFinding] {
        findings.sorted {
            ($0.version, $0.location.line, $0.location.column, $0.dialect.rawValue, $0.rule)
                < ($1.version, $1.location.line, $1.location.column, $1.dialect.rawValue, $1.rule)
        }
    }
}

/// The `-- relayburn: allow RULE reason="…"` lines of a migration: each silences that rule for the statement that
/// starts on the next non-comment line (further allow lines and comments may sit between them).
struct AllowDirectives {
    private var silenced: [Int: Set<String>] = [:]
    private var problems: [(line: Int, text: String)] = []
    private let path: String

    init(_ source: TemplateSource) {
        path = source.path
        var pending: [(rule: String, line: Int)] = []
        for (offset, rawLine) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty { continue }
            guard line.hasPrefix("--") else {
                for allow in pending { silenced[number, default: []].insert(allow.rule) }
                pending = []
                continue
            }
            let body = line.dropFirst(2).trimmingCharacters(in: " \t")
            guard let directive = body.strippingPrefix("relayburn:"),
                directive.trimmingCharacters(in: " ").hasPrefix("allow")
            else { continue }
            let words = directive.trimmingCharacters(in: " ").split(separator: " ", maxSplits: 2).map(String.init)
            let reason = words.count == 3 ? words[2] : ""
            let hasReason = reason.hasPrefix("reason=\"") && reason.hasSuffix("\"") && reason.count > "reason=\"\"".count
            guard words.count == 3, words[0] == "allow", hasReason,
                LintRule.all.contains(where: { $0.id == words[1] })
            else {
                problems.append((number, line))
                continue
            }
            pending.append((words[1], number))
        }
    }

    /// Whether an allow line names `finding`'s rule for the statement it points at.
    func silences(_ finding: LintFinding) -> Bool {
        finding.rule != LintRule.malformedAllow.id && finding.location.file == path
            && silenced[finding.location.line]?.contains(finding.rule) == true
    }

    /// Allow lines that name no known rule or give no reason, reported once (on the first dialect linted).
    func malformed(version: Int, dialect: SQLDialect) -> [LintFinding] {
        problems.map { problem in
            LintFinding(
                rule: .malformedAllow, dialect: dialect, version: version,
                location: SourceLocation(file: path, line: problem.line, column: 1),
                message: "\(problem.text) names no known rule or gives no reason=\"…\"")
        }
    }
}
