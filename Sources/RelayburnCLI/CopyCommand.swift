import ArgumentParser
import RelayburnLedger
import RelayburnSchema
import RelayburnStore

/// `relayburn copy --to URL [--json]`: every record of the configured store into another store.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every record from the configured store into another store (migrated first).",
        discussion: """
            Works between any stores (sqlite to postgres, postgres to sqlite, ...). Idempotent: rerunning after \
            an interruption copies only what is missing. Ends with per-kind counts of both sides. JSON shape: \
            {"kinds": {KIND: {"read", "new", "source", "target"}}}.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The store to copy into (sqlite:PATH, postgres://..., http(s)://..., memory:).", valueName: "url"))
    var to: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let targetLocation: StoreLocation
        do {
            targetLocation = try StoreConfiguration.parseStoreURL(to)
        } catch let error as ConfigurationError {
            throw CommandFailure.usage("--to: \(error.description)")
        }
        if case .http = targetLocation, StoreConnector.httpOpener.current == nil { try NetworkHandoff.handOff() }
        if targetLocation == context.location {
            throw CommandFailure.usage("--to names the store being copied from; give another store")
        }
        let targetContext = CommandContext(settings: context.settings.at(targetLocation))
        let result = try await context.withStore { source in
            try await targetContext.withStore { target in
                let report = try await StoreCopier().copy(from: source, to: target)
                return (report, try await StoreCopier.counts(of: source), try await StoreCopier.counts(of: target))
            }
        }
        Console.out(json ? Self.json(result) : Self.text(result, from: context.location, to: targetLocation))
    }

    private typealias Result = (report: StoreCopier.Report, source: [RecordKind: Int], target: [RecordKind: Int])

    private static func text(_ result: Result, from: StoreLocation, to: StoreLocation) -> String {
        var lines = ["copied \(from.redactedDescription) to \(to.redactedDescription)"]
        for kind in RecordKind.allCases {
            lines.append(
                "  \(kind): \(result.report.read[kind] ?? 0) read, \(result.report.inserted[kind] ?? 0) new; "
                    + "source holds \(result.source[kind] ?? 0), target holds \(result.target[kind] ?? 0)")
        }
        return lines.joined(separator: "\n")
    }

    private static func json(_ result: Result) -> String {
        JSONText.object([
            (
                "kinds",
                JSONText.object(
                    RecordKind.allCases.map { kind in
                        (
                            kind.rawValue,
                            JSONText.object([
                                ("read", String(result.report.read[kind] ?? 0)),
                                ("new", String(result.report.inserted[kind] ?? 0)),
                                ("source", String(result.source[kind] ?? 0)),
                                ("target", String(result.target[kind] ?? 0)),
                            ])
                        )
                    })
            )
        ])
    }
}
