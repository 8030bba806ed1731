/// Fingerprints that several turns share, each with its canonical turn's id: what a stream needs to leave
/// twins out while reading rows in place.
///
/// Ids and fingerprints are 16 characters (docs/records.md section 3); such keys are compared as two machine words
/// read straight from the row's bytes, so the check costs no allocation for the ~98% of rows with a unique
/// fingerprint. Keys of any other length (a database written by hand) go through strings.
public struct TwinFilter: Sendable {
    private var canonical: [Key: Key] = [:]
    private var canonicalByText: [String: String] = [:]

    /// No fingerprint is shared.
    public var isEmpty: Bool { canonical.isEmpty && canonicalByText.isEmpty }

    public init() {}

    /// Records that `fingerprint` is shared and `canonicalId` is its smallest id.
    public mutating func add(fingerprint: String, canonicalId: String) {
        if let key = Key(fingerprint.utf8), let id = Key(canonicalId.utf8) {
            canonical[key] = id
        } else {
            canonicalByText[fingerprint] = canonicalId
        }
    }

    /// Whether the row with these bytes is a twin to leave out: its fingerprint is shared and it is not the
    /// canonical turn.
    func isTwin(fingerprint: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer) -> Bool {
        if let key = Key(fingerprint) {
            guard let canonicalId = canonical[key] else {
                return canonicalByText.isEmpty ? false : slowCheck(fingerprint, id)
            }
            return Key(id) != canonicalId
        }
        return slowCheck(fingerprint, id)
    }

    private func slowCheck(_ fingerprint: UnsafeRawBufferPointer, _ id: UnsafeRawBufferPointer) -> Bool {
        guard let canonicalId = canonicalByText[String(decoding: fingerprint, as: UTF8.self)] else { return false }
        return canonicalId != String(decoding: id, as: UTF8.self)
    }

    /// Sixteen bytes as two words.
    private struct Key: Hashable, Sendable {
        let high: UInt64
        let low: UInt64

        init?(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count == 16 else { return nil }
            high = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            low = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        }

        init?(_ text: String.UTF8View) {
            let bytes = Array(text)
            guard let key = bytes.withUnsafeBytes({ Key($0) }) else { return nil }
            self = key
        }
    }
}
