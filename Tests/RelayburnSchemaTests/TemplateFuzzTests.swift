import RelayburnSchema
import Testing

/// SplitMix64: tiny, seedable and identical on every platform, so a failing iteration can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Template fuzzing")
struct TemplateFuzzTests {
    private static let seeds = [
        "CREATE TABLE t (id {{BIGINT}} PRIMARY KEY, doc TEXT){{STRICT}};",
        "SELECT {{greatest(a, :b)}}, {{json_text(doc, 'k,v')}} FROM t WHERE id = :id AND b = :b;",
        "{{#if sqlite}}A{{#if postgres}}B{{#else}}C{{/if}}{{#else}}D{{/if}} -- :c\n/* :d */",
        "SELECT $$ :e $$, $t$ :f $t$, x::jsonb, '{{JSON_PREFIX}}name', \"q:r\" FROM t",
        "{{greatest({{BIGINT}}, {{wrap({{NOW}})}})}} = E'it\\'s' AND ts > :p",
        "INSERT INTO t VALUES (:a, {{ now() }}, {{shadow(:b)}}, 'x''y', (1, 2));\r\n",
    ]
    private static let alphabet = Array("{}#/(),:'\"$-*ifelsqtAZ_ \n")

    private static func garble(_ text: String, using random: inout SplitMix64) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = characters.isEmpty ? 0 : Int.random(in: 0..<characters.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !characters.isEmpty:
                characters.remove(at: position)
            case 1:
                characters.insert(alphabet.randomElement(using: &random) ?? "{", at: position)
            case 2 where !characters.isEmpty:
                let length = Int.random(in: 1...8, using: &random)
                let end = min(characters.count, position + length)
                characters.insert(contentsOf: characters[position..<end], at: position)
            case 3 where !characters.isEmpty:
                characters.removeSubrange(Int.random(in: 0..<characters.count, using: &random)...)
            default:
                characters.insert(contentsOf: ["{", "{"], at: position)
            }
        }
        return String(characters)
    }

    @Test func garbledTemplatesRenderOrThrowTemplateError() throws {
        let engines = try SQLDialect.allCases.map(TemplateFixtures.engine)
        var random = SplitMix64(seed: 0x5EED_1234)
        var rendered = 0
        var failed = 0
        for iteration in 0..<2000 {
            let seed = Self.seeds[iteration % Self.seeds.count]
            let text = Self.garble(seed, using: &random)
            for engine in engines {
                do {
                    let statement = try engine.render(TemplateSource(path: "fuzz.sql", text: text))
                    rendered += 1
                    // Every byte of successful output maps back to a real location.
                    for offset in 0..<statement.sql.utf8.count {
                        #expect(
                            statement.sourceMap.location(ofUTF8Offset: offset) != nil,
                            "iteration \(iteration): no location for offset \(offset) of \(statement.sql)")
                    }
                    #expect(try engine.render(TemplateSource(path: "fuzz.sql", text: text)) == statement)
                } catch let error as TemplateError {
                    failed += 1
                    #expect(error.location.file == "fuzz.sql" || error.location.file.hasSuffix(".dialect"))
                    #expect(error.location.line >= 1 && error.location.column >= 1)
                } catch {
                    Issue.record("iteration \(iteration): unexpected \(error) for \(text.debugDescription)")
                }
            }
        }
        // Both outcomes must actually be exercised for the test to mean anything.
        #expect(rendered > 100)
        #expect(failed > 100)
    }

    @Test func garbledDialectDefinitionsParseOrThrowTemplateError() {
        var random = SplitMix64(seed: 42)
        for iteration in 0..<500 {
            let text = Self.garble(TemplateFixtures.sqliteDefinition, using: &random)
            do {
                let definition = try DialectDefinition.parse(TemplateSource(path: "fuzz.dialect", text: text))
                _ = try? TemplateEngine(definition: definition).render(
                    TemplateSource(path: "fuzz.sql", text: Self.seeds[iteration % Self.seeds.count]))
            } catch is TemplateError {
                continue
            } catch {
                Issue.record("iteration \(iteration): unexpected \(error)")
            }
        }
    }
}
