import RelayburnLedger
import Testing

@Suite struct JSONParsingTests {
    @Test func scalarsAndContainers() throws {
        let value = try JSONValue.parse(#" {"a": [1, -2.5, true, false, null, "x"], "b": {}} "#)
        #expect(value == ["a": [1, -2.5, true, false, nil, "x"], "b": .object([:])])
    }

    @Test func keyOrderIsPreserved() throws {
        let text = #"{"z":1,"a":2,"m":{"y":true,"b":null}}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value.compactJSON == text)
        #expect(value.canonicalJSON == #"{"a":2,"m":{"b":null,"y":true},"z":1}"#)
    }

    @Test func integersAndDoubles() throws {
        #expect(try JSONValue.parse("9223372036854775807") == .integer(.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .integer(.min))
        #expect(try JSONValue.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONValue.parse("-0") == .integer(0))
        #expect(try JSONValue.parse("1.0") == .double(1))
        #expect(try JSONValue.parse("1e2") == .double(100))
        #expect(try JSONValue.parse("-1.25E-3") == .double(-0.00125))
    }

    @Test func escapesAndSurrogatePairs() throws {
        let value = try JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00 ü""#)
        #expect(value == .string("a\"b\\c/d\u{8}\u{c}\n\r\té😀 ü"))
        #expect(value.compactJSON == #""a\"b\\c/d\b\f\n\r\té😀 ü""#)
        #expect(JSONValue.string("\u{1}\u{1f}\u{7f}").compactJSON == #""\u0001\u001f\#u{7f}""#)
    }

    @Test func largeObjectsUseExactKeys() throws {
        var object = JSONObject()
        for index in 0..<100 { object["k\(index)"] = .integer(Int64(index)) }
        object["k5"] = nil
        #expect(object.count == 99)
        #expect(object["k99"] == .integer(99))
        #expect(object["k5"] == nil)
        // Canonically equivalent but distinct keys stay distinct, as in JSON.
        let value = try JSONValue.parse("{\"\u{e9}\":1,\"e\u{301}\":2}")
        #expect(value.objectValue?.count == 2)
    }

    @Test(arguments: [
        ("", JSONParseError.Code.unexpectedEndOfInput, 0, 1, 1),
        ("[1,]", .unexpectedCharacter, 3, 1, 4),
        ("{\"a\" 1}", .unexpectedCharacter, 5, 1, 6),
        ("{\n  \"a\": 01\n}", .invalidNumber, 9, 2, 8),
        ("[1.]", .invalidNumber, 3, 1, 4),
        ("\"a\\x\"", .invalidEscape, 2, 1, 3),
        ("\"\\uD83D\"", .invalidUnicode, 1, 1, 2),
        ("\"\\uDE00\"", .invalidUnicode, 1, 1, 2),
        ("\"a\tb\"", .controlCharacterInString, 2, 1, 3),
        ("{\"a\":1,\"a\":2}", .duplicateKey, 7, 1, 8),
        ("[1] x", .trailingCharacters, 4, 1, 5),
        ("tru", .unexpectedEndOfInput, 0, 1, 1),
        ("nul1", .unexpectedCharacter, 3, 1, 4),
        ("[\"abc", .unexpectedEndOfInput, 5, 1, 6),
        ("1e999", .invalidNumber, 0, 1, 1),
    ])
    func errorsNameTheirOffset(text: String, code: JSONParseError.Code, offset: Int, line: Int, column: Int) {
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.code == code && error.offset == offset && error.line == line && error.column == column
        }
    }

    @Test func invalidUTF8IsRejected() throws {
        for bytes: [UInt8] in [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(bytes) }
        }
        #expect(try JSONValue.parse([0x22, 0xE2, 0x9C, 0x93, 0x22]) == "✓")
    }

    @Test func errorDescriptionIsOneSentence() {
        do {
            _ = try JSONValue.parse("{\"a\" 1}")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "invalid JSON at line 1, column 6 (byte 5): unexpected '1'; expected ':' after object key")
        }
    }

    @Test func deepNestingIsRejectedCleanly() throws {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONParseError)?.code == .depthLimitExceeded && (error as? JSONParseError)?.offset == 512
        }
        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONValue.parse(allowed).compactJSON == allowed)
    }

    @Test func parsesNonContiguousCollections() throws {
        let bytes = Array(#"{"a":[1,2]}"#.utf8)
        #expect(try JSONValue.parse(bytes.lazy.map { $0 }) == ["a": [1, 2]])
    }
}
