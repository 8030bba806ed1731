extension EncodedRecords {
    /// The records this page holds, parsed and validated, for callers that need records rather than bytes.
    ///
    /// - Throws: ``StoredRecordError`` when a stored record no longer parses or validates.
    public func decoded<Record: LedgerRecord>(as _: Record.Type) throws -> [Record.QueryOutput] {
        var outputs: [Record.QueryOutput] = []
        outputs.reserveCapacity(count)
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let text = String(decoding: line, as: UTF8.self)
            do {
                outputs.append(try Record.decodeOutput(try JSONValue.parse(text)))
            } catch {
                throw StoredRecordError(kind: Record.kind, id: "?", reason: String(describing: error))
            }
        }
        return outputs
    }
}
