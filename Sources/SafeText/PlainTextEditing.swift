// Plain text edits the whole program needs without full Foundation (which would bring its
// Unicode data with it): trimming as `CharacterSet.whitespaces` does, padding, replacing.
extension StringProtocol {
    /// The text without leading and trailing horizontal whitespace: tab (U+0009), the Unicode
    /// space separators (general category Zs) and the zero-width space (U+200B), the set
    /// Foundation calls `CharacterSet.whitespaces`.
    /// Works on Unicode scalars, so a combining mark after a space stays where it was.
    public func trimmingHorizontalWhitespace() -> String {
        trimmingScalars(where: Self.isHorizontalWhitespace)
    }

    /// The text without leading and trailing whitespace and line breaks: horizontal whitespace,
    /// U+000A to U+000D, U+0085 and the Unicode line and paragraph separators (general category
    /// Z*, with U+200B), the set Foundation calls `CharacterSet.whitespacesAndNewlines`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x85, 0x200B: return true
            default:
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
                default: return false
                }
            }
        }
    }

    private static func isHorizontalWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    private func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? first
        return String(scalars[first...last])
    }
}

extension StringProtocol {
    /// The text followed by spaces up to `width` characters; longer text is returned whole.
    public func paddedWithSpaces(to width: Int) -> String {
        let text = String(self)
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// The text with every `scalar` replaced by `replacement`, scalar by scalar: a combining mark
    /// after the scalar cannot hide it (a search by characters would see one character there).
    public func replacingEvery(_ scalar: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for each in unicodeScalars {
            if each == scalar { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(each) }
        }
        return String(out)
    }
}
