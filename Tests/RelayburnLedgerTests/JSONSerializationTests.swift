import RelayburnLedger
import Testing

@Suite struct JSONSerializationTests {
    /// Expected strings are what node 20's `JSON.stringify` prints for the same numbers.
    @Test(arguments: [
        (1.5, "1.5"), (100.0, "100"), (0.1, "0.1"), (-2.25, "-2.25"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (123456789012345680000.0, "123456789012345680000"), (0.000001, "0.000001"), (1e-7, "1e-7"),
        (1.2345e-7, "1.2345e-7"), (-0.0, "0"), (Double.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.30000000000000004, "0.30000000000000004"), (1.5e300, "1.5e+300"), (123.456, "123.456"),
        (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func doublesMatchJavaScript(value: Double, expected: String) {
        #expect(JSONValue.double(value).compactJSON == expected)
    }

    @Test func integersHaveNoDecimalPoint() {
        #expect(JSONValue.integer(.min).canonicalJSON == "-9223372036854775808")
        #expect(JSONValue.array([0, 42, -7]).canonicalJSON == "[0,42,-7]")
    }

    @Test func canonicalSortsByCodePoint() {
        // UTF-16 order would put U+1F600 (surrogates D83D…) before U+FF21; code point order puts it after.
        let object: JSONValue = ["\u{1F600}": 1, "\u{FF21}": 2, "b": 3, "B": 4, "a": ["z": 1, "y": 2]]
        #expect(object.canonicalJSON == "{\"B\":4,\"a\":{\"y\":2,\"z\":1},\"b\":3,\"\u{FF21}\":2,\"\u{1F600}\":1}")
    }

    @Test func minimalEscapes() {
        let value: JSONValue = ["s": "line1\nnaïve ✓ \"q\" </x> \\ \u{0}"]
        #expect(value.canonicalJSON == #"{"s":"line1\nnaïve ✓ \"q\" </x> \\ \u0000"}"#)
    }

    @Test(arguments: [
        #"{"v":1,"a":[1,2.5,"x",{"k":null}],"b":{"c":true,"d":false},"e":-1e-7,"f":"😀\u0001"}"#,
        #"[]"#, #"{}"#, #""""#, #"[[[]],{}]"#, #"12345678901234567000"#,
    ])
    func compactRoundTripsJavaScriptOutput(text: String) throws {
        #expect(try JSONValue.parse(text).compactJSON == text)
    }

    @Test(arguments: [
        (#"{"command":"ls"}"#, #"{"command":"ls"}"#, "4cf29611a6693486"),
        (
            #"{"b":1,"a":{"d":[1,{"y":2,"x":1}],"c":null}}"#, #"{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}"#,
            "e0e53c1d18388436"
        ),
        (
            #"{"file_path":"/tmp/a.txt","old_string":"foo","new_string":"bär"}"#,
            #"{"file_path":"/tmp/a.txt","new_string":"bär","old_string":"foo"}"#, "794ce2cc6db9cbee"
        ),
    ])
    func argsHashVectors(input: String, stable: String, hash: String) throws {
        let value = try JSONValue.parse(input)
        #expect(value.canonicalJSON == stable)
        #expect(RecordIdentity.argsHash(value) == hash)
    }
}
