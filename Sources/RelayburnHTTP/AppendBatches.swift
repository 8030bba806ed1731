/// Cuts one append into request bodies the server accepts: JSON arrays of at most a number of records and a number
/// of bytes (server.md §3 and §8), in the records' order.
enum AppendBatches {
    /// Consecutive ranges of records, each at most `maxRecords` long and, unless it is a single record, at most
    /// `maxBytes` as a JSON array body.
    ///
    /// - Parameters:
    ///   - sizes: The byte length of each record's compact JSON.
    ///   - maxRecords: Records per batch, at least 1.
    ///   - maxBytes: Body bytes per batch; a record larger than this alone still gets a batch of its own, which the
    ///     caller refuses or sends as it sees fit.
    static func ranges(sizes: [Int], maxRecords: Int, maxBytes: Int) -> [Range<Int>] {
        let maxRecords = max(1, maxRecords)
        var ranges: [Range<Int>] = []
        var start = 0
        var bytes = 2
        for (index, size) in sizes.enumerated() {
            let separator = index > start ? 1 : 0
            if index > start && (index - start == maxRecords || bytes + separator + size > maxBytes) {
                ranges.append(start..<index)
                start = index
                bytes = 2 + size
            } else {
                bytes += separator + size
            }
        }
        if start < sizes.count { ranges.append(start..<sizes.count) }
        return ranges
    }

    /// The size of the JSON array body holding records of these sizes: brackets plus a comma between records.
    static func bodySize(of sizes: some Collection<Int>) -> Int {
        2 + sizes.reduce(0, +) + max(0, sizes.count - 1)
    }

    /// The JSON array body `[r1,r2,…]` of already-encoded records.
    static func body(_ records: some Collection<[UInt8]>) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(bodySize(of: records.map(\.count)))
        body.append(UInt8(ascii: "["))
        for (position, record) in records.enumerated() {
            if position > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: record)
        }
        body.append(UInt8(ascii: "]"))
        return body
    }
}
