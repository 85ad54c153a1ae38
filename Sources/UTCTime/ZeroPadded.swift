extension String {
    /// `value` in decimal with leading zeros to at least `width` digits (`7`, 2 → `07`); never cut.
    public init(zeroPadded value: Int, width: Int) {
        let digits = String(value)
        self = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
