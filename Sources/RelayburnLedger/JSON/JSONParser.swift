/// A strict recursive-descent JSON parser over a contiguous UTF-8 buffer.
///
/// It reads the bytes in place and builds ``JSONValue``s directly, without an intermediate token stream, and
/// validates UTF-8 itself so that every fault can be reported with its byte offset.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var position = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses the whole buffer as one value surrounded by optional whitespace.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw failure(.trailingCharacters, "unexpected \(describeCurrent()) after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "expected a value") }
        switch bytes[position] {
        case Byte.openBrace: return try parseObject()
        case Byte.openBracket: return try parseArray()
        case Byte.quote: return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case Byte.minus, Byte.zero...Byte.nine: return try parseNumber()
        default: throw failure(.unexpectedCharacter, "unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == Byte.closeBrace {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "expected a string key") }
            guard bytes[position] == Byte.quote else {
                throw failure(.unexpectedCharacter, "unexpected \(describeCurrent()); expected a string key")
            }
            let keyOffset = position
            let key = try parseString()
            if object.contains(key) {
                throw failure(.duplicateKey, at: keyOffset, "duplicate object key \"\(key)\"")
            }
            skipWhitespace()
            try expect(Byte.colon, "':' after object key")
            skipWhitespace()
            object.appendNew(key, try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "expected ',' or '}'") }
            switch bytes[position] {
            case Byte.comma:
                position += 1
            case Byte.closeBrace:
                position += 1
                depth -= 1
                return .object(object)
            default:
                throw failure(.unexpectedCharacter, "unexpected \(describeCurrent()); expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == Byte.closeBracket {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "expected ',' or ']'") }
            switch bytes[position] {
            case Byte.comma:
                position += 1
            case Byte.closeBracket:
                position += 1
                depth -= 1
                return .array(elements)
            default:
                throw failure(.unexpectedCharacter, "unexpected \(describeCurrent()); expected ',' or ']'")
            }
        }
    }

    /// Consumes the opening bracket, refusing to nest past `maxDepth` so hostile input cannot overflow the stack.
    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw failure(.depthLimitExceeded, "arrays and objects nest deeper than \(maxDepth) levels")
        }
        position += 1
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        for offset in 0..<literal.utf8CodeUnitCount {
            guard position < bytes.count else {
                throw failure(.unexpectedEndOfInput, at: start, "truncated literal; expected \(literal)")
            }
            guard bytes[position] == literal.utf8Start[offset] else {
                throw failure(.unexpectedCharacter, "unexpected \(describeCurrent()); expected \(literal)")
            }
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONParseError) {
        guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "expected \(what)") }
        guard bytes[position] == byte else {
            throw failure(.unexpectedCharacter, "unexpected \(describeCurrent()); expected \(what)")
        }
        position += 1
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let negative = bytes[position] == Byte.minus
        if negative { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw failure(.invalidNumber, at: start, "a number needs a digit after '-'")
        }
        if bytes[position] == Byte.zero {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw failure(.invalidNumber, at: start, "numbers must not have leading zeros")
            }
        } else {
            skipDigits()
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == Byte.dot {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw failure(.invalidNumber, "a number needs a digit after '.'")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == Byte.plus || bytes[position] == Byte.minus {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw failure(.invalidNumber, "a number needs a digit in its exponent")
            }
            skipDigits()
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = Self.integer(text, negative: negative) { return .integer(integer) }
        guard let double = Double(String(decoding: text, as: UTF8.self)), double.isFinite else {
            throw failure(.invalidNumber, at: start, "number is too large for a 64-bit float")
        }
        return .double(double)
    }

    /// The value of a grammar-checked integer literal, or nil if it does not fit `Int64`.
    private static func integer(_ text: UnsafeBufferPointer<UInt8>, negative: Bool) -> Int64? {
        // Accumulate negatively: Int64's negative range is one larger, so Int64.min parses too.
        var value: Int64 = 0
        for byte in text where byte != Byte.minus {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(Int64(byte - Byte.zero))
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= Byte.zero && byte <= Byte.nine }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let start = position
        // Fast path: plain ASCII without escapes is copied straight into the String.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Byte.quote {
                position += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), as: UTF8.self)
            }
            if byte == Byte.backslash || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        var scratch = Array(bytes[start..<position])
        while true {
            guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "unterminated string") }
            let byte = bytes[position]
            switch byte {
            case Byte.quote:
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            case Byte.backslash:
                try parseEscape(into: &scratch)
            case 0..<0x20:
                throw failure(
                    .controlCharacterInString, "control character \(hexByte(byte)) must be escaped inside a string")
            case 0..<0x80:
                scratch.append(byte)
                position += 1
            default:
                let length = try validateUTF8Sequence()
                scratch.append(contentsOf: bytes[position..<(position + length)])
                position += length
            }
        }
    }

    private mutating func parseEscape(into scratch: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "unterminated escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case Byte.quote, Byte.backslash, UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate is only meaningful as the first half of a \uD83D\uDE00-style pair.
                guard position + 1 < bytes.count, bytes[position] == Byte.backslash,
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw failure(.invalidUnicode, at: escapeStart, "unpaired high surrogate escape") }
                position += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure(.invalidUnicode, at: escapeStart, "unpaired high surrogate escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure(.invalidUnicode, at: escapeStart, "unpaired low surrogate escape")
            }
            scratch.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            throw failure(.invalidEscape, at: escapeStart, "invalid escape sequence \\\(describe(byte))")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw failure(.unexpectedEndOfInput, "truncated \\u escape") }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case Byte.zero...Byte.nine: digit = byte - Byte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape, "\\u must be followed by four hexadecimal digits")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    /// Checks the multi-byte UTF-8 sequence at `position` (RFC 3629: no overlongs, surrogates or values past
    /// U+10FFFF) and returns its length.
    private func validateUTF8Sequence() throws(JSONParseError) -> Int {
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: throw failure(.invalidUnicode, "invalid UTF-8 lead byte \(hexByte(lead))")
        }
        for offset in 1..<length {
            let index = position + offset
            guard index < bytes.count else { throw failure(.invalidUnicode, "truncated UTF-8 sequence") }
            let range = offset == 1 ? secondRange : 0x80...0xBF
            guard range.contains(bytes[index]) else {
                throw failure(.invalidUnicode, "invalid UTF-8 sequence")
            }
        }
        return length
    }

    // MARK: Whitespace and errors

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func failure(_ code: JSONParseError.Code, at offset: Int? = nil, _ message: String) -> JSONParseError {
        let offset = min(offset ?? position, bytes.count)
        // Line and column are only needed on failure, so they are counted here rather than tracked while parsing.
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == Byte.newline {
            line += 1
            lineStart = index + 1
        }
        return JSONParseError(code: code, offset: offset, line: line, column: offset - lineStart + 1, message: message)
    }

    private func describeCurrent() -> String {
        position < bytes.count ? describe(bytes[position]) : "end of input"
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(hexByte(byte))"
    }

    private func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}

/// ASCII bytes the parser and serializers compare against.
enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let newline = UInt8(ascii: "\n")
}
