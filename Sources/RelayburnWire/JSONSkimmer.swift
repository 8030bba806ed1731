/// Finds the elements of a top-level JSON array (or the members of a top-level object) without building a
/// tree, so an append body is counted against its record limit while it is read and each record is parsed on its
/// own. The skimmer only follows structure; every element it returns is then parsed strictly, which catches
/// whatever it let through.
struct JSONSkimmer {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The byte ranges of the top-level array's elements.
    ///
    /// - Throws: ``SkimError/tooMany`` as soon as there are more than `limit`, ``SkimError/malformed`` for a
    ///   body that is not one array.
    mutating func arrayElements(limit: Int) throws(SkimError) -> [Range<Int>] {
        skipWhitespace()
        let elements = try elementsOfArray(limit: limit)
        skipWhitespace()
        guard position == bytes.count else { throw .malformed("unexpected text after the array", position) }
        return elements
    }

    /// The raw key text and value range of each member of the top-level object.
    mutating func objectMembers() throws(SkimError) -> [(key: Range<Int>, value: Range<Int>)] {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
            throw .malformed("the body must be a JSON object", position)
        }
        position += 1
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipWhitespace()
                let keyStart = position
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw .malformed("expected a member name", position)
                }
                try skipString()
                let key = keyStart..<position
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw .malformed("expected ':' after a member name", position)
                }
                position += 1
                skipWhitespace()
                let valueStart = position
                try skipValue()
                members.append((key, valueStart..<position))
                skipWhitespace()
                guard position < bytes.count else { throw .malformed("the object is not closed", position) }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else {
                    throw .malformed("expected ',' or '}' in the object", position)
                }
                position += 1
                break
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw .malformed("unexpected text after the object", position) }
        return members
    }

    /// The elements of the array starting at `position`.
    mutating func elementsOfArray(limit: Int) throws(SkimError) -> [Range<Int>] {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else {
            throw .malformed("expected a JSON array", position)
        }
        position += 1
        var elements: [Range<Int>] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            let start = position
            try skipValue()
            elements.append(start..<position)
            if elements.count > limit { throw .tooMany }
            skipWhitespace()
            guard position < bytes.count else { throw .malformed("the array is not closed", position) }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else {
                throw .malformed("expected ',' or ']' in the array", position)
            }
            position += 1
            return elements
        }
    }

    mutating func skipValue() throws(SkimError) {
        guard position < bytes.count else { throw .malformed("the body ends where a value was expected", position) }
        switch bytes[position] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipContainer()
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"):
            throw .malformed("expected a value", position)
        default:
            let start = position
            while position < bytes.count, !isDelimiter(bytes[position]) { position += 1 }
            if position == start { throw .malformed("expected a value", position) }
        }
    }

    mutating func skipString() throws(SkimError) {
        let start = position
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""):
                position += 1
                return
            default: position += 1
            }
        }
        throw .malformed("a string is not closed", start)
    }

    /// Skips a whole object or array, following nesting and strings only; the strict parse checks the rest.
    mutating func skipContainer() throws(SkimError) {
        let start = position
        var depth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                try skipString()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > 512 { throw .malformed("the JSON nests deeper than 512 levels", position) }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    position += 1
                    return
                }
            default: break
            }
            position += 1
        }
        throw .malformed("an object or array is not closed", start)
    }

    mutating func skipWhitespace() {
        while position < bytes.count,
            bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09
        {
            position += 1
        }
    }

    func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
            || byte == UInt8(ascii: ":") || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// Why the skimmer stopped.
enum SkimError: Error {
    case tooMany
    case malformed(String, Int)
}
