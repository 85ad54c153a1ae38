/// Makes text from the network safe to print on a terminal: control characters become spaces
/// and the length is capped.
enum TextSanitizer {
    static func clean(_ text: String, limit: Int = 1000) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                && scalar.value != 0x200D {
                result.unicodeScalars.append(" ")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }
}
