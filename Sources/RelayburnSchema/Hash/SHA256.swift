/// SHA-256 (FIPS 180-4) in pure Swift, without Foundation.
///
/// This is hand-written on purpose. relayburn needs one digest, for migration checksums and record ids, and
/// nothing else from a crypto library. swift-crypto would add BoringSSL to every clean CI build (minutes of C
/// compilation on small runners) and CryptoKit does not exist on Linux, so the package keeps its dependency
/// set lean and carries these two hundred lines instead. It is not constant-time and must not be used for secrets.
///
/// ```swift
/// SHA256.hexDigest("abc")  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    ///
    /// Contiguous inputs (`[UInt8]`, `ArraySlice`, native `String.UTF8View`, buffers) are read block by block
    /// straight from their storage. Other sequences are first copied into one array; this function is inlinable
    /// so that copy is specialized in the caller instead of going through generic dispatch per byte.
    @inlinable
    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(contiguous: UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash(contiguous: $0) }
    }

    /// The lowercase hexadecimal SHA-256 digest of the UTF-8 encoding of `string`.
    public static func hexDigest(_ string: String) -> String {
        hexDigest(bytes: string.utf8)
    }

    /// The lowercase hexadecimal SHA-256 digest of `bytes` (64 characters).
    @inlinable
    public static func hexDigest<S: Sequence>(bytes: S) -> String where S.Element == UInt8 {
        hex(hash(bytes))
    }

    @usableFromInline
    static func hash(contiguous input: UnsafeRawBufferPointer) -> [UInt8] {
        // One stack scratch area: the message schedule, the round constants and the partial-block buffer.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64 + 64 + 16) { scratch in
            let base = scratch.baseAddress!
            base.initialize(repeating: 0, count: scratch.count)
            (base + 64).update(from: roundConstants, count: 64)
            var engine = Engine(schedule: base, constants: base + 64, block: UnsafeMutableRawPointer(base + 128))
            engine.absorb(input)
            return engine.finish()
        }
    }

    @usableFromInline
    static func hex(_ digest: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: digest.count * 2) { out in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (index, byte) in digest.enumerated() {
                out[2 * index] = table[Int(byte >> 4)]
                out[2 * index + 1] = table[Int(byte & 0x0f)]
            }
            return digest.count * 2
        }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

extension SHA256 {
    /// The running state of one hash computation. The pointers refer to the scratch area owned by `hash(_:)`
    /// and are valid only inside it.
    private struct Engine {
        let schedule: UnsafeMutablePointer<UInt32>
        let constants: UnsafeMutablePointer<UInt32>
        /// 64 bytes holding the input that does not yet fill a block.
        let block: UnsafeMutableRawPointer
        var buffered = 0
        var length: UInt64 = 0
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        init(
            schedule: UnsafeMutablePointer<UInt32>, constants: UnsafeMutablePointer<UInt32>,
            block: UnsafeMutableRawPointer
        ) {
            self.schedule = schedule
            self.constants = constants
            self.block = block
        }

        mutating func absorb(_ input: UnsafeRawBufferPointer) {
            guard let start = input.baseAddress, input.count > 0 else { return }
            length &+= UInt64(input.count)
            var offset = 0
            if buffered > 0 {
                let take = min(64 - buffered, input.count)
                (block + buffered).copyMemory(from: start, byteCount: take)
                buffered += take
                offset = take
                guard buffered == 64 else { return }
                compress(UnsafeRawPointer(block))
                buffered = 0
            }
            while input.count - offset >= 64 {
                compress(start + offset)
                offset += 64
            }
            let rest = input.count - offset
            if rest > 0 {
                block.copyMemory(from: start + offset, byteCount: rest)
                buffered = rest
            }
        }

        /// Pads the message (0x80, zeros, 64-bit big-endian bit length) and returns the digest.
        mutating func finish() -> [UInt8] {
            let bitLength = length &* 8
            block.storeBytes(of: 0x80, toByteOffset: buffered, as: UInt8.self)
            buffered += 1
            if buffered > 56 {
                zeroBlock(from: buffered, to: 64)
                compress(UnsafeRawPointer(block))
                buffered = 0
            }
            zeroBlock(from: buffered, to: 56)
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
            compress(UnsafeRawPointer(block))

            let words = [h0, h1, h2, h3, h4, h5, h6, h7]
            return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
                for (index, word) in words.enumerated() {
                    out[4 * index] = UInt8(truncatingIfNeeded: word &>> 24)
                    out[4 * index + 1] = UInt8(truncatingIfNeeded: word &>> 16)
                    out[4 * index + 2] = UInt8(truncatingIfNeeded: word &>> 8)
                    out[4 * index + 3] = UInt8(truncatingIfNeeded: word)
                }
                count = 32
            }
        }

        private func zeroBlock(from start: Int, to end: Int) {
            for offset in start..<end {
                block.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
            }
        }

        /// Runs the 64 rounds over one 64-byte block.
        private mutating func compress(_ input: UnsafeRawPointer) {
            let w = schedule
            let k = constants
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: input.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let w15 = w[i &- 15]
                let w2 = w[i &- 2]
                let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
                let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
                w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            }
            var a = h0
            var b = h1
            var c = h2
            var d = h3
            var e = h4
            var f = h5
            var g = h6
            var h = h7
            for i in 0..<64 {
                let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let choice = (e & f) ^ (~e & g)
                let t1 = h &+ sigma1 &+ choice &+ k[i] &+ w[i]
                let sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = sigma0 &+ majority
                h = g
                g = f
                f = e
                e = d &+ t1
                d = c
                c = b
                b = a
                a = t1 &+ t2
            }
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
        }
    }
}

@inline(__always)
private func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value &>> count) | (value &<< (32 &- count))
}
