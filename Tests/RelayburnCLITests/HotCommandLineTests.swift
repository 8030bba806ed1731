import RelayburnSchema
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// The hand-written parse of the hot invocations (Sources/relayburn/HotCommandLine.swift) against
    /// ArgumentParser's: every spelling of one invocation prints the same, and whatever the fast parse leaves
    /// alone still gets ArgumentParser's help, errors and exit statuses.
    @Suite struct HotCommandLineTests {
        @Test(arguments: TestDatabase.enabledDialects)
        func everySpellingOfAMigrateRunsTheSameCommand(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let store = database.storeURL
            let first = try RelayburnProcess.run(["migrate", "--store", store, "--to", "2", "--json"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasSuffix("],\"currentVersion\":2}\n"))
            let rest = try RelayburnProcess.run([
                "migrate", "--lock-timeout", "5", "--to=\(latestVersion)", "--store", store,
            ])
            #expect(rest.status == 0, "\(rest.stderr)")
            #expect(rest.stdout.hasPrefix("applied 0003_tool_result_output_size in "))
            #expect(rest.stdout.hasSuffix("\(StoreTitle.of(store)) is now at version \(latestVersion)\n"))
            let spellings: [[String]] = [
                ["migrate", "--store", store],
                ["migrate", "apply", "--store", store],
                ["--store", store, "migrate"],
                ["--store", store, "migrate", "apply"],
                ["migrate", "--store=\(store)"],
                // --to the store's own version (a lower one is an error: PipelineExitCodeTests).
                ["migrate", "--store", store, "--lock-timeout", "0.5", "--to", String(latestVersion)],
                // Left to ArgumentParser (repeated option, `+` number): the same command all the same.
                ["migrate", "--store", store, "--store", store],
                ["migrate", "--store", store, "--to", "+\(latestVersion)"],
            ]
            for arguments in spellings {
                let result = try RelayburnProcess.run(arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(
                    result.stdout == "\(StoreTitle.of(store)) is up to date at version \(latestVersion)\n",
                    "\(arguments)")
            }
            let json = try RelayburnProcess.run(["migrate", "--json", "--store", store, "--dry-run"])
            #expect(json.stdout.hasPrefix("-- nothing to apply: "), "\(json.stdout)")
            let quiet = try RelayburnProcess.run(["migrate", "--json", "--store", store])
            #expect(quiet.stdout == "{\"applied\":[],\"currentVersion\":\(latestVersion)}\n")
        }

        @Test func whatTheFastParseRefusesArgumentParserAnswers() throws {
            let store = "sqlite:\(try TemporaryDirectory.make())/x.sqlite"
            let usage: [([String], String)] = [
                (["migrate", "--to", "-1", "--store", store], "relayburn: Missing value for '--to <version>'\n"),
                (
                    ["migrate", "--to", "abc", "--store", store],
                    "relayburn: The value 'abc' is invalid for '--to <version>'\n"
                ),
                (
                    ["migrate", "--lock-timeout", "0", "--store", store],
                    "relayburn: --migration-lock-wait must be a positive number of seconds\n"
                ),
                (
                    ["migrate", "--json=1", "--store", store],
                    "relayburn: The option '--json' does not take any value, but '1' was specified.\n"
                ),
                (["migrate", "--store"], "relayburn: Missing value for '--store <url>'\n"),
                (["migrate", "extra", "--store", store], "relayburn: Unexpected argument 'extra'\n"),
            ]
            for (arguments, message) in usage {
                let result = try RelayburnProcess.run(arguments)
                #expect(result.status == 2, "\(arguments)")
                #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
                #expect(result.stderr.hasSuffix("relayburn: Run 'relayburn --help' for usage.\n"), "\(arguments)")
            }
            for arguments in [["migrate", "--help"], ["migrate", "-h"], ["help", "migrate"]] {
                let help = try RelayburnProcess.run(arguments)
                #expect(help.status == 0, "\(arguments)")
                #expect(help.stdout.hasPrefix("OVERVIEW: Bring the store's schema up to date"), "\(arguments)")
                #expect(help.stdout.contains("status"), "\(arguments)")
            }
            let applyHelp = try RelayburnProcess.run(["migrate", "apply", "--help"])
            #expect(applyHelp.status == 0 && applyHelp.stdout.contains("--lock-timeout <seconds>"))
            let version = try RelayburnProcess.run(["migrate", "--version"])
            #expect(version.status == 0 && version.stdout == "0.1.0\n")
        }

        /// `query` is parsed by hand too when it is spelled plainly; every spelling, hand-parsed or left to
        /// ArgumentParser (options before the kind, a repeated option), prints the same bytes.
        @Test(arguments: TestDatabase.enabledDialects)
        func everySpellingOfAQueryPrintsTheSameRecords(dialect: SQLDialect) async throws {
            let database = try await TestDatabase.make(dialect)
            let store = database.storeURL
            #expect(try RelayburnProcess.run(["import", LedgerFiles.write(0..<30), "--store", store]).status == 0)
            let expected = try RelayburnProcess.run(["query", "turns", "--since", "2026-04-20", "--store", store])
            #expect(expected.status == 0, "\(expected.stderr)")
            #expect(expected.stdout.split(separator: "\n").count > 1)
            let spellings: [[String]] = [
                ["--store", store, "query", "turns", "--since", "2026-04-20"],
                ["query", "turns", "--since=2026-04-20", "--store=\(store)"],
                ["query", "turns", "--store", store, "--since", "2026-04-20", "--source", "claude-code"],
                // Left to ArgumentParser: options before the kind, a repeated option.
                ["query", "--since", "2026-04-20", "turns", "--store", store],
                ["query", "turns", "--since", "2026-04-20", "--since", "2026-04-20", "--store", store],
            ]
            for arguments in spellings {
                let result = try RelayburnProcess.run(arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(result.stdout == expected.stdout, "\(arguments)")
            }
            let usage: [([String], String)] = [
                (
                    ["query", "turns", "--search", "x", "--store", store],
                    "relayburn: --search applies to content only\n"
                ),
                (["query", "turns", "--since", "yesterday", "--store", store], "relayburn: --since/--until: "),
                (["query", "turn", "--store", store], "relayburn: The value 'turn' is invalid for '<kind>'"),
            ]
            for (arguments, message) in usage {
                let result = try RelayburnProcess.run(arguments)
                #expect(result.status == 2, "\(arguments): \(result.stderr)")
                #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            }
        }
    }
}

/// How `relayburn migrate` names a store in its one-line report.
private enum StoreTitle {
    static func of(_ store: String) -> String {
        store.hasPrefix("sqlite:") ? store : "postgres (\(store))"
    }
}

/// The newest migration this build embeds.
private let latestVersion = SchemaCatalog.embedded.migrations.count
