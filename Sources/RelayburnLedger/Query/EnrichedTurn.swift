/// A turn as queries return it: the stored record plus its folded `enrichment` (docs/records.md 2.9).
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
        object["enrichment"] = .object(Self.enrichmentObject(enrichment))
        return object
    }

    /// The `enrichment` object of the wire form: keys sorted by their UTF-8 bytes.
    public static func enrichmentObject(_ enrichment: [String: String]) -> JSONObject {
        var folded = JSONObject()
        for key in enrichment.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            folded[key] = .string(enrichment[key] ?? "")
        }
        return folded
    }

    /// Reads a query's wire line back: the turn without `enrichment`, and the folded enrichment.
    ///
    /// - Throws: ``RecordError`` when the turn no longer validates.
    public static func decode(_ value: JSONValue) throws(RecordError) -> EnrichedTurn {
        guard case .object(var object) = value else {
            return EnrichedTurn(turn: try TurnRecord.validate(value, index: 0), enrichment: [:])
        }
        var enrichment: [String: String] = [:]
        if case .object(let folded)? = object["enrichment"] {
            for (key, value) in folded.entries { if case .string(let text) = value { enrichment[key] = text } }
            object["enrichment"] = nil
        }
        return EnrichedTurn(turn: try TurnRecord.validate(.object(object), index: 0), enrichment: enrichment)
    }
}
