import Foundation
import RelayburnLedger
import RelayburnTestSupport
import Testing

extension CLISuite {
    /// `prices list|import` and the cost in `summary`, as users run them against a real SQLite file.
    @Suite struct PricesCommandTests {
        static func catalogue(_ text: String) throws -> String {
            let path = try TemporaryDirectory.make() + "/prices.json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        static func priceCount(_ store: String) throws -> Int {
            let list = try RelayburnProcess.run(["prices", "list", "--json", "--store", store])
            #expect(list.status == 0, "\(list.stderr)")
            return list.stdout.components(separatedBy: "\"effectiveFrom\"").count - 1
        }

        @Test func aStoreStartsWithTheBuiltInSnapshotAndImportsStoreEachPriceOnce() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            let builtIn = try PriceCatalogue.builtIn().count
            #expect(try Self.priceCount(store) == builtIn)
            let list = try RelayburnProcess.run(["prices", "list", "--json", "--store", store])
            #expect(
                list.stdout.contains(
                    #"{"model":"claude-sonnet-4-6","effectiveFrom":"1970-01-01T00:00:00.000Z","contextAbove":0,"input":3,"output":15,"reasoning":null,"cacheRead":0.3,"cacheWrite":3.75,"source":"built-in"}"#
                ), "\(list.stdout.prefix(400))")

            // One model changes its price, one keeps it: only the change is stored, as a period from June on.
            let file = try Self.catalogue(
                #"{"anthropic": {"models": {"claude-sonnet-4-6": {"cost": {"input": 6, "output": 30}}, "#
                    + #""claude-haiku-4-5": {"cost": {"input": 1, "output": 5, "cache_read": 0.1, "cache_write": 1.25}}}}}"#
            )
            let first = try RelayburnProcess.run([
                "prices", "import", file, "--effective-from", "2026-06-01", "--json", "--store", store,
            ])
            #expect(first.status == 0, "\(first.stderr)")
            // Each model is a bare and a provider-qualified name: sonnet's two are new, haiku's two unchanged.
            #expect(first.stdout == #"{"file":"\#(file)","models":4,"prices":4,"new":2}"# + "\n", "\(first.stdout)")
            let again = try RelayburnProcess.run(["prices", "import", file, "--store", store])
            #expect(again.status == 0)
            #expect(again.stdout.hasSuffix("0 new (every price was already current)\n"), "\(again.stdout)")
            #expect(try Self.priceCount(store) == builtIn + 2)
        }

        @Test func aMalformedCatalogueIsRefusedNamingTheFieldAndChangesNothing() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            let before = try Self.priceCount(store)
            let file = try Self.catalogue(
                #"{"anthropic": {"models": {"claude-x": {"cost": {"input": "cheap", "output": 1}}}}}"#)
            let run = try RelayburnProcess.run(["prices", "import", file, "--store", store])
            #expect(run.status == 1)
            #expect(
                run.stderr
                    == "relayburn: \(file): anthropic.models.claude-x.cost.input is not a non-negative number of "
                    + "dollars per million tokens; no price was changed\n")
            let tier = try Self.catalogue(
                #"{"p": {"models": {"m": {"cost": {"input": 1, "output": 1, "tiers": [{"input": 2, "tier": {"type": "context"}}]}}}}}"#
            )
            let tierRun = try RelayburnProcess.run(["prices", "import", tier, "--store", store])
            #expect(tierRun.stderr.contains("p.models.m.cost.tiers[0].tier.size is not a positive whole number"))
            #expect(try Self.priceCount(store) == before)
            let badTime = try RelayburnProcess.run([
                "prices", "import", file, "--effective-from", "soon", "--store", store,
            ])
            #expect(badTime.status == 2)
            #expect(badTime.stderr.contains("--effective-from: \"soon\" is not a time"), "\(badTime.stderr)")
        }

        @Test func summaryLeadsWithCostAndJSONGroupsByModel() throws {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            _ = try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", store])
            let json = try RelayburnProcess.run(["summary", "--json", "--store", store])
            #expect(json.status == 0, "\(json.stderr)")
            #expect(
                json.stdout.contains(#","unpricedTurns":1,"unpricedModels":["gpt-5-codex"],"byModel":["#),
                "\(json.stdout)")
            #expect(json.stdout.contains(#""totalCost":"#))
            let text = try RelayburnProcess.run(["summary", "--by", "month", "--store", store])
            let lines = text.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.first?.hasPrefix("MONTH ") == true && lines.first?.hasSuffix("  COST") == true, "\(text.stdout)")
            #expect(lines.contains { $0.hasPrefix("2026-04 ") && $0.hasSuffix("$0.05*") }, "\(text.stdout)")
            #expect(
                lines.last?.hasPrefix("* 1 turn(s) of models without a price, not in the cost: gpt-5-codex") == true)
            let week = try RelayburnProcess.run(["summary", "--by", "week", "--json", "--store", store])
            #expect(week.stdout.contains(#""byWeek":[{"week":"2026-04-20","#), "\(week.stdout)")
        }
    }
}
