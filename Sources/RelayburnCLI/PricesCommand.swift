import ArgumentParser
import FoundationEssentials
import RelayburnLedger
import RelayburnSchema
import RelayburnStore

/// `relayburn prices import|list`: the token prices `summary` computes cost with, kept in the store.
struct PricesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "List the token prices the store computes cost with, or import a newer catalogue.",
        discussion: """
            Prices are data in the store (model_prices): per model, dollars per million tokens for input, output, \
            reasoning, cache read and cache write, with context tiers, each from a start time on. A store without \
            prices gets the built-in snapshot (models.dev's catalogue, November 2026) the first time it is priced. \
            Turns find their price by model name as written, then without a provider prefix \
            (anthropic/claude-haiku-4-5), then without a date suffix (claude-haiku-4-5-20251001). Run these against \
            the database (sqlite:PATH or postgres://...), not over http.
            """,
        subcommands: [PricesListCommand.self, PricesImportCommand.self]
    )
}

struct PricesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print every stored price: model, start, tier, and the rates in dollars per million tokens.",
        discussion: """
            JSON: {"prices": [{"model", "effectiveFrom", "contextAbove", "input", "output", "reasoning", \
            "cacheRead", "cacheWrite", "source"}]}; an absent rate is null (reasoning then bills at the output rate, \
            cache read and cache write at the input rate).
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the prices as JSON.")
    var json = false

    func run() async throws {
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let prices = try await context.withDatabaseStore(
            requiring: LedgerSchema.pricesRequiredVersion, keeping: "prices"
        ) { store in try await store.prices() }
        if json {
            Console.out(JSONText.object([("prices", JSONText.array(prices.map(Self.json)))]))
            return
        }
        func rate(_ value: Double?) -> String { value.map { PriceFormat.rate($0) } ?? "-" }
        var rows = [["MODEL", "FROM", "ABOVE", "INPUT", "OUTPUT", "REASONING", "CACHE READ", "CACHE WRITE"]]
        for price in prices {
            rows.append([
                price.model, String(price.effectiveFrom.prefix(10)),
                price.contextAbove == 0 ? "-" : String(price.contextAbove), rate(price.input), rate(price.output),
                rate(price.reasoning), rate(price.cacheRead), rate(price.cacheWrite),
            ])
        }
        Console.out(TextTable.render(rows))
        Console.out("\(prices.count) price(s), dollars per million tokens")
    }

    static func json(_ price: ModelPrice) -> String {
        func number(_ value: Double?) -> String { value.map { JSONValue.double($0).compactJSON } ?? "null" }
        return JSONText.object([
            ("model", JSONText.string(price.model)), ("effectiveFrom", JSONText.string(price.effectiveFrom)),
            ("contextAbove", String(price.contextAbove)), ("input", number(price.input)),
            ("output", number(price.output)), ("reasoning", number(price.reasoning)),
            ("cacheRead", number(price.cacheRead)), ("cacheWrite", number(price.cacheWrite)),
            ("source", JSONText.string(price.source)),
        ])
    }
}

struct PricesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a price catalogue (models.dev's shape) into the store, as prices from now on.",
        discussion: """
            Each model whose rates differ from its current ones gets a new period starting at --effective-from \
            (default: now); earlier turns keep the cost they had. Importing the same catalogue again stores \
            nothing. A malformed catalogue is refused, naming the file and the field, and no price changes. \
            JSON: {"file", "models", "prices", "new"}.
            """
    )

    @ParentCommand var root: Relayburn
    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The catalogue (JSON: provider -> models -> cost).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("When the prices start to apply (default now).", valueName: "time"))
    var effectiveFrom: String?

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    func run() async throws {
        let start: String
        if let effectiveFrom {
            do {
                start = try TimeBound.parse(effectiveFrom, isUpperBound: false)
            } catch {
                throw CommandFailure.usage("--effective-from: \(error)")
            }
        } else {
            start = UTCTimestamp.now()
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure.failure("cannot read \(file); check the path and its permissions")
        }
        let catalogue: [ModelPrice]
        do {
            catalogue = try PriceCatalogue.parse(
                String(decoding: data, as: UTF8.self), path: file, effectiveFrom: start, source: file)
        } catch {
            throw CommandFailure.failure(String(describing: error))
        }
        let context = try CommandContext(commandStore: store, rootStore: root.store)
        let stored = try await context.withDatabaseStore(
            requiring: LedgerSchema.pricesRequiredVersion, keeping: "prices"
        ) { store in
            let changes = PriceImport.changes(catalogue, current: try await store.prices())
            return try await store.storePrices(changes)
        }
        let models = Set(catalogue.map(\.model)).count
        if json {
            Console.out(
                JSONText.object([
                    ("file", JSONText.string(file)), ("models", String(models)), ("prices", String(catalogue.count)),
                    ("new", String(stored)),
                ]))
        } else {
            Console.out(
                "imported \(file): \(catalogue.count) price(s) of \(models) model name(s), \(stored) new"
                    + (stored == 0 ? " (every price was already current)" : " from \(start)"))
        }
    }
}

/// Dollar figures as the text outputs print them.
enum PriceFormat {
    /// A rate: as many decimals as it has, up to six.
    static func rate(_ value: Double) -> String {
        var text = FixedDecimal.format(value, decimals: 6)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A cost: `$1,234.56`, with four decimals below a cent so small costs do not print as $0.00.
    static func dollars(_ value: Double) -> String {
        if value != 0 && abs(value) < 0.01 { return "$" + FixedDecimal.format(value, decimals: 4) }
        let cents = FixedDecimal.format(abs(value), decimals: 2)
        let parts = cents.split(separator: ".")
        return (value < 0 ? "-$" : "$") + grouped(String(parts[0])) + "." + parts[1]
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ digits: String) -> String {
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }
}

/// Left-aligned first column, right-aligned numbers, two spaces apart.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
