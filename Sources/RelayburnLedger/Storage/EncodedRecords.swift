/// A page of stored records as NDJSON: each record's JSON text, exactly as stored, followed by `\n`.
///
/// Streams of encoded pages are the read path at storage speed: the adapter hands over the bytes it read
/// without parsing or validating them again (records were validated on the way in), and turns get their folded
/// `enrichment` spliced in. `relayburn query` and the server write the bytes straight to their output.
public struct EncodedRecords: Sendable, Equatable {
    /// The NDJSON text of ``count`` records.
    public var bytes: [UInt8]
    /// How many records (lines) ``bytes`` holds.
    public var count: Int

    public init(bytes: [UInt8] = [], count: Int = 0) {
        self.bytes = bytes
        self.count = count
    }

    /// Appends one record's compact JSON and its newline.
    public mutating func append(json: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: json)
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }

    /// Appends one record's compact JSON and its newline.
    public mutating func append(json: String) {
        bytes.append(contentsOf: json.utf8)
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }
}
