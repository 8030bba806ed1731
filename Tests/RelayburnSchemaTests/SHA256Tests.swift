import RelayburnSchema
import Testing

/// NIST FIPS 180-4 example vectors, plus the padding boundaries (lengths around 56 and 64 bytes) whose
/// expected values were computed with Python's `hashlib`.
@Suite struct SHA256Tests {
    @Test func emptyInput() {
        #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hash(Array("abc".utf8)) == [
                0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
                0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
            ])
    }

    @Test func twoBlockMessage448Bits() {
        #expect(
            SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func message896Bits() {
        let message =
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
            + "mnopqrstnopqrstu"
        #expect(SHA256.hexDigest(message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(bytes: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(SHA256.hexDigest(String(repeating: "a", count: length)) == expected)
    }

    @Test func nonContiguousSequenceMatchesArray() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let expected = "7728ae2f2c36e2aaafbe79ca14c87ae2f89e7c88c4390ecbbf82dce88706958d"
        #expect(SHA256.hexDigest(bytes: bytes) == expected)
        #expect(SHA256.hexDigest(bytes: bytes.lazy.map { $0 }) == expected)
        #expect(SHA256.hexDigest(bytes: AnySequence(bytes)) == expected)
        #expect(SHA256.hexDigest(bytes: bytes[...]) == expected)
    }

    @Test func recordIdentifierString() {
        let digest = SHA256.hexDigest("claude-code|s-1|msg-1")
        #expect(digest.prefix(16) == "bde6f27f146314fe")
        #expect(digest == "bde6f27f146314fe8a2b571d7dd20a455a81e252777fb53d028be928790c3122")
    }
}
