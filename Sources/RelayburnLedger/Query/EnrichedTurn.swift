/// A turn as queries return it: the stored record plus its folded `enrichment` (records.md 2.9).
public struct EnrichedTurn: Sendable, Equatable {
    public let turn: TurnRecord
    /// Folded from matching stamps, later stamps overwriting earlier keys; sorted by key.
    public let enrichment: [String: String]

    public init(turn: TurnRecord, enrichment: [String: String]) {
        self.turn = turn
        self.enrichment = enrichment
    }

    /// The wire object: the turn's own keys in their stored order, then `enrichment` (keys sorted).
    public var jsonObject: JSONObject {
        var object = turn.object
        var folded = JSONObject()
        for key in enrichment.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            folded[key] = .string(enrichment[key] ?? "")
        }
        object["enrichment"] = .object(folded)
        return object
    }
}
