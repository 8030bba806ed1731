#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `printf`'s `%.Nf`, without Foundation's `String(format:)`: linking full Foundation for it (CoreFoundation and
/// ICU's initialisers) cost every relayburn process ~2 ms of start-up, a third of the no-op `migrate`.
enum FixedDecimal {
    /// `value` with exactly `decimals` digits after the point, rounded as C's `printf` rounds.
    static func format(_ value: Double, decimals: Int) -> String {
        let specifier = "%.\(decimals)f"
        let length = withVaList([value]) { vsnprintf(nil, 0, specifier, $0) }
        guard length > 0 else { return String(value) }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        _ = buffer.withUnsafeMutableBufferPointer { bytes in
            withVaList([value]) { vsnprintf(bytes.baseAddress, bytes.count, specifier, $0) }
        }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
