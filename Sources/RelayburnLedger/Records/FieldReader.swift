/// Reads typed fields out of one JSON object of a record, throwing ``RecordError``s that carry the record's
/// index, kind and the field's dotted path.
struct FieldReader {
    let object: JSONObject
    let index: Int
    let kind: RecordKind
    /// Path of `object` inside the record, e.g. `toolCalls[2]`; empty at the top level.
    let path: String

    /// A reader for a top-level record value, which must be an object.
    init(record value: JSONValue, index: Int, kind: RecordKind) throws(RecordError) {
        guard let object = value.objectValue else {
            throw RecordError(
                code: .notAnObject, index: index, kind: kind, field: "",
                message: "must be a JSON object, not \(value.typeName)")
        }
        self.init(object: object, index: index, kind: kind, path: "")
    }

    private init(object: JSONObject, index: Int, kind: RecordKind, path: String) {
        self.object = object
        self.index = index
        self.kind = kind
        self.path = path
    }

    func fieldPath(_ key: String) -> String {
        if key.isEmpty { return path }
        return path.isEmpty ? key : "\(path).\(key)"
    }

    func error(_ code: RecordError.Code, _ key: String, _ message: String) -> RecordError {
        RecordError(code: code, index: index, kind: kind, field: fieldPath(key), message: message)
    }

    private func required(_ key: String, _ expected: String) throws(RecordError) -> JSONValue {
        guard let value = object[key] else {
            throw error(.missingField, key, "is required (\(expected)) but missing")
        }
        return value
    }

    // MARK: Scalars

    /// Checks the `"v": 1` every record carries.
    func version() throws(RecordError) {
        let value = try required("v", "the number 1")
        guard case .integer(let version) = value else { throw error(.wrongType, "v", "must be the number 1") }
        guard version == 1 else { throw error(.invalidValue, "v", "must be 1, not \(version)") }
    }

    func string(_ key: String) throws(RecordError) -> String {
        guard let string = try required(key, "a string").stringValue else {
            throw error(.wrongType, key, "must be a string")
        }
        return try columnText(key, string)
    }

    func optionalString(_ key: String) throws(RecordError) -> String? {
        guard let value = object[key] else { return nil }
        guard let string = value.stringValue else { throw error(.wrongType, key, "must be a string") }
        return try columnText(key, string)
    }

    /// The fields read here become typed columns, and PostgreSQL's text type cannot hold a NUL character (it
    /// failed deep inside the batch insert); refused here, naming the field. Free text elsewhere in a record
    /// keeps its NULs: record_json stores them escaped, losslessly.
    private func columnText(_ key: String, _ string: String) throws(RecordError) -> String {
        guard !string.utf8.contains(0) else {
            throw error(.invalidValue, key, "contains a NUL character (\\u0000), which no column can hold")
        }
        return string
    }

    /// 2^53 - 1: the largest integer a JSON number is exact in for every reader (JavaScript's safe integer).
    static let maxCount: Int64 = 9_007_199_254_740_991

    func count(_ key: String) throws(RecordError) -> Int64 {
        try checkedCount(key, try required(key, "a non-negative integer"))
    }

    func optionalCount(_ key: String) throws(RecordError) -> Int64? {
        guard let value = object[key] else { return nil }
        return try checkedCount(key, value)
    }

    private func checkedCount(_ key: String, _ value: JSONValue) throws(RecordError) -> Int64 {
        guard case .integer(let integer) = value, integer >= 0 else {
            throw error(.wrongType, key, "must be a non-negative integer")
        }
        // relayburn 1.x (JavaScript) could not write a larger count exactly, and a bound keeps sums of many
        // counts far from Int64 overflow (over a thousand records at the bound before any sum can overflow).
        guard integer <= Self.maxCount else {
            throw error(.invalidValue, key, "is larger than \(Self.maxCount), the largest count a ledger holds exactly")
        }
        return integer
    }

    func bool(_ key: String) throws(RecordError) -> Bool {
        guard let flag = try required(key, "a boolean").boolValue else {
            throw error(.wrongType, key, "must be a boolean")
        }
        return flag
    }

    func optionalBool(_ key: String) throws(RecordError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard let flag = value.boolValue else { throw error(.wrongType, key, "must be a boolean") }
        return flag
    }

    // MARK: Containers

    func nested(_ key: String) throws(RecordError) -> FieldReader {
        guard let object = try required(key, "an object").objectValue else {
            throw error(.wrongType, key, "must be an object")
        }
        return FieldReader(object: object, index: index, kind: kind, path: fieldPath(key))
    }

    func optionalNested(_ key: String) throws(RecordError) -> FieldReader? {
        guard object[key] != nil else { return nil }
        return try nested(key)
    }

    /// Reads an array whose elements are objects, handing each to `read` with a reader for `key[i]`.
    func objects<Element>(
        _ key: String, _ read: (FieldReader) throws(RecordError) -> Element
    ) throws(RecordError)
        -> [Element]
    {
        guard let elements = try required(key, "an array").arrayValue else {
            throw error(.wrongType, key, "must be an array")
        }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            let elementPath = "\(fieldPath(key))[\(position)]"
            guard let object = element.objectValue else {
                throw RecordError(
                    code: .wrongType, index: index, kind: kind, field: elementPath, message: "must be an object")
            }
            result.append(try read(FieldReader(object: object, index: index, kind: kind, path: elementPath)))
        }
        return result
    }

    func optionalStrings(_ key: String) throws(RecordError) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let elements = value.arrayValue else { throw error(.wrongType, key, "must be an array of strings") }
        var result: [String] = []
        for (position, element) in elements.enumerated() {
            guard let string = element.stringValue else {
                throw RecordError(
                    code: .wrongType, index: index, kind: kind, field: "\(fieldPath(key))[\(position)]",
                    message: "must be a string")
            }
            result.append(string)
        }
        return result
    }

    /// Reads an object whose values must all be strings (stamp enrichment).
    func stringMap(_ key: String) throws(RecordError) -> [(key: String, value: String)] {
        let nested = try nested(key)
        var result: [(key: String, value: String)] = []
        for entry in nested.object.entries {
            guard let string = entry.value.stringValue else {
                throw nested.error(.wrongType, entry.key, "must be a string")
            }
            result.append((entry.key, string))
        }
        return result
    }
}
