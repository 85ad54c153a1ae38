import ProtectionCore

/// Numbers in events files read as the program always read them (through Foundation's
/// `NSNumber`, until it stopped linking full Foundation), so an old file reads the same:
/// `true` and `false` count as 1 and 0, an integer keeps its digits, and any other number reads
/// as its nearest `Double`.
extension JSONValue {
    /// The value of a number, or 1 and 0 for `true` and `false`; nil for anything else.
    var recordNumber: Double? {
        switch self {
        case .bool(let flag): return flag ? 1 : 0
        case .number: return number
        default: return nil
        }
    }

    /// A number as text: an integer as its digits (`-0` as `0`), a fraction or exponent as its
    /// `Double` (`1.50` as `1.5`, `1e2` as `100.0`), `true` and `false` as `1` and `0`; nil for
    /// anything else.
    var recordNumberText: String? {
        switch self {
        case .bool(let flag): return flag ? "1" : "0"
        case .number(let text):
            guard text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else {
                return Int64(text).map(String.init) ?? UInt64(text).map(String.init) ?? text
            }
            return Double(text).map(\.description)
        default: return nil
        }
    }
}
