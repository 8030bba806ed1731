/// The checksum recorded in `schema_versions`.
public enum Checksum {
    /// Lowercase hex SHA-256 of the template text after turning CRLF and lone CR into LF, so a checkout
    /// with Windows line endings records and verifies the same value as everyone else.
    public static func of(templateText text: String) -> String {
        SHA256.hexDigest(normalisingLineEndings(text))
    }

    static func normalisingLineEndings(_ text: String) -> String {
        // Scanning the contiguous bytes, not the UTF-8 view, keeps this check off every command's start-up bill.
        let hasCarriageReturn = text.utf8.withContiguousStorageIfAvailable { $0.contains(13) } ?? text.utf8.contains(13)
        guard hasCarriageReturn else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 13 {
                bytes.append(10)
                previousWasCR = true
                continue
            }
            if byte == 10 && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
