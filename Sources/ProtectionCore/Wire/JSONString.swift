/// JSON string literals, written one way for every producer: the one-shot commands' `--json`
/// output and the simulator's agent-like answers differ only in which extra characters they
/// escape.
public enum JSONString {
    /// `text` as a JSON string literal. The quote and backslash are escaped, `\n`, `\r` and `\t`
    /// as themselves, every other scalar below U+0020 and every scalar `alsoEscaping` picks as
    /// `\uXXXX` (a surrogate pair above U+FFFF); everything else is written as it is.
    public static func literal(_ text: String, alsoEscaping: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || alsoEscaping(scalar) {
                    out += escaped(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        guard scalar.value > 0xFFFF else { return hex(UInt16(scalar.value)) }
        let offset = scalar.value - 0x1_0000
        return hex(UInt16(0xD800 + (offset >> 10))) + hex(UInt16(0xDC00 + (offset & 0x3FF)))
    }

    private static func hex(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
