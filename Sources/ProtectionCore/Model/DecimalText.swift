/// Numbers in decimal as C's `printf` writes them (`%.1f`, `%.3g`), without C or Foundation: the
/// exact binary value is rounded, half to even, so `0.25` reads `0.2` and `0.35` (just below) `0.3`.
public enum DecimalText {
    /// The most decimals ``fixed(_:decimals:)`` writes exactly.
    public static let maximumDecimals = 17

    /// `value` with `decimals` digits after the point, as `%.Nf` writes it: `-0.0` for a small
    /// negative number, `inf`, `-inf` and `nan` for those. Magnitudes of 2^63 and more (never a
    /// time, a rate or a count) are written by `Double.description`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let decimals = min(max(0, decimals), maximumDecimals)
        if let special = special(value) { return special }
        let sign = value.sign == .minus ? "-" : ""
        guard let scaled = scaledAndRounded(value.magnitude, decimals: decimals) else { return sign + value.magnitude.description }
        return sign + digits(scaled, decimals: decimals)
    }

    /// `value` with `significant` digits, as `%.Ng` writes it: fixed notation without trailing
    /// zeros while the decimal exponent is from -4 to `significant - 1`, else `1.23e+03`.
    public static func significant(_ value: Double, digits significant: Int) -> String {
        let significant = min(max(1, significant), maximumDecimals)
        if let special = special(value) { return special }
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = value.magnitude
        guard magnitude != 0 else { return sign + "0" }
        var exponent = roughExponent(magnitude)
        // The rough exponent can be one off, and rounding can carry into the next power of ten.
        for _ in 0..<3 {
            let decimals = significant - 1 - exponent
            guard decimals >= 0, decimals <= maximumDecimals, let scaled = scaledAndRounded(magnitude, decimals: decimals) else { break }
            if scaled >= power(significant) { exponent += 1; continue }
            if scaled < power(significant - 1) { exponent -= 1; continue }
            guard exponent >= -4, exponent < significant else { break }
            return sign + withoutTrailingZeros(digits(scaled, decimals: decimals))
        }
        // Exponent notation: the mantissa rounded from the scaled value (off by one unit only at
        // an exact tie, which scaling blurs), for magnitudes no time or rate here reaches.
        var mantissa = magnitude
        var shift = 0
        while mantissa >= 10 { mantissa /= 10; shift += 1 }
        while mantissa < 1 { mantissa *= 10; shift -= 1 }
        var text = fixed(mantissa, decimals: significant - 1)
        if text.hasPrefix("10") { text = fixed(mantissa / 10, decimals: significant - 1); shift += 1 }
        let exponentDigits = String(shift.magnitude)
        return sign + withoutTrailingZeros(text) + (shift < 0 ? "e-" : "e+")
            + (exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits)
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return value.sign == .minus ? "-nan" : "nan" }
        if value.isInfinite { return value.sign == .minus ? "-inf" : "inf" }
        return nil
    }

    /// `magnitude × 10^decimals` rounded half to even, computed on the exact binary value; nil
    /// from 2^63 on.
    private static func scaledAndRounded(_ magnitude: Double, decimals: Int) -> UInt128? {
        guard magnitude < 0x1p63 else { return nil }
        guard magnitude != 0 else { return 0 }
        let normal = magnitude.exponentBitPattern != 0
        let significand = UInt128(magnitude.significandBitPattern | (normal ? 1 << 52 : 0))
        let exponent = (normal ? Int(magnitude.exponentBitPattern) : 1) - 1075
        // Below 2^63, so a positive exponent is at most 10: no overflow in 128 bits.
        if exponent >= 0 { return (significand << exponent) * power(decimals) }
        let numerator = significand * power(decimals) // below 2^53 × 10^17 < 2^110
        let shift = -exponent
        guard shift < 112 else { return 0 } // the value is below one half
        let quotient = numerator >> shift
        let remainder = numerator & ((1 << shift) - 1)
        let half = UInt128(1) << (shift - 1)
        return remainder > half || (remainder == half && quotient & 1 == 1) ? quotient + 1 : quotient
    }

    private static func power(_ exponent: Int) -> UInt128 {
        var result: UInt128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    private static func digits(_ scaled: UInt128, decimals: Int) -> String {
        let whole = String(scaled / power(decimals))
        guard decimals > 0 else { return whole }
        let fraction = String(scaled % power(decimals))
        return whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private static func withoutTrailingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return String(trimmed)
    }

    /// The decimal exponent of `magnitude`, possibly one off near a power of ten.
    private static func roughExponent(_ magnitude: Double) -> Int {
        var exponent = 0
        var scaled = magnitude
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 { scaled *= 10; exponent -= 1 }
        return exponent
    }
}
