/// Formats doubles as JavaScript's `Number.prototype.toString` does (ECMA-262 §6.1.6.1.20), which is what
/// `JSON.stringify` writes: `1.5`, `100`, `0.000001`, `1e-7`, `1e+21`.
///
/// relayburn 1.x computed ids over `JSON.stringify` output, so matching it keeps canonical JSON and round trips
/// byte-identical for the values JavaScript producers write.
enum JavaScriptNumber {
    /// JavaScript's string for `value`; `null` for NaN and infinities, as `JSON.stringify` writes them.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        // Swift's description is the shortest representation that round-trips, as JavaScript requires; only its
        // layout differs, so take its digits and exponent and lay them out the JavaScript way.
        let (digits, exponent) = decompose(value.magnitude.description)
        let sign = value < 0 ? "-" : ""
        let k = digits.count
        let n = exponent
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            return sign + String(digits[..<split]) + "." + String(digits[split...])
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let exponentText = n - 1 >= 0 ? "+\(n - 1)" : "\(n - 1)"
        if k == 1 { return sign + digits + "e" + exponentText }
        return sign + String(digits.first!) + "." + String(digits.dropFirst()) + "e" + exponentText
    }

    /// Splits a positive Swift double description (`"123.45"`, `"1.5e-07"`, `"1e+21"`) into significant digits
    /// without leading or trailing zeros and the exponent `n` such that the value is `0.digits × 10^n`.
    private static func decompose(_ text: String) -> (digits: String, exponent: Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), pointPosition)
    }
}
