/// A JSON object that keeps its keys in insertion order.
///
/// Order matters because the ledger promises that a record read back is the record written, unknown keys
/// included; a `Dictionary` would reshuffle them. Keys are compared by their exact UTF-8 bytes, not by Swift's
/// canonical-equivalence `==`, so `"é"` (U+00E9) and `"e\u{301}"` stay two distinct keys as they are in JSON.
///
/// Equality is structural and order-sensitive: two objects are equal when they hold the same entries in the
/// same order.
public struct JSONObject: Sendable, Hashable {
    /// The entries in insertion order.
    public private(set) var entries: [(key: String, value: JSONValue)]
    /// Key → position in `entries`; built only for larger objects, where a linear scan would cost too much.
    private var index: [ExactKey: Int]?

    /// Objects up to this size are searched linearly, which beats hashing for typical records.
    private static let indexThreshold = 12

    /// An empty object.
    public init() {
        entries = []
        index = nil
    }

    /// An object with `pairs` in order; a repeated key keeps its first position and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// The number of keys.
    public var count: Int { entries.count }

    /// Whether the object has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// The value for `key`; setting a new key appends it, setting an existing key replaces the value in place,
    /// and setting `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// Appends `key` without checking whether it is present; callers guarantee it is not.
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        append(key, value)
    }

    private mutating func append(_ key: String, _ value: JSONValue) {
        entries.append((key, value))
        if index != nil {
            index![ExactKey(key)] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        guard entries.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built = [ExactKey: Int](minimumCapacity: entries.count)
        for (position, entry) in entries.enumerated() { built[ExactKey(entry.key)] = position }
        index = built
    }

    private func position(of key: String) -> Int? {
        if let index { return index[ExactKey(key)] }
        // String == is a memcmp for the ASCII keys records use and rules out almost every entry; the byte
        // comparison then only runs on the one candidate, keeping lookups exact for non-ASCII keys.
        return entries.firstIndex { $0.key == key && $0.key.utf8.elementsEqual(key.utf8) }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { left, right in
                left.key.utf8.elementsEqual(right.key.utf8) && left.value == right.value
            }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        for entry in entries {
            ExactKey(entry.key).hash(into: &hasher)
            hasher.combine(entry.value)
        }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object whose keys keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

/// A string compared and hashed by its UTF-8 bytes (JSON key identity), not by canonical equivalence.
struct ExactKey: Hashable, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(string.utf8.count)
        for byte in string.utf8 { hasher.combine(byte) }
    }
}
