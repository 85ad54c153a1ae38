/// Limits on the shape of a config file, checked in one linear scan before TOMLKit parses it:
/// TOMLKit (toml++) took 16.8 s over a 40 KB header of 20,000 dotted segments, and the file's
/// 256 KiB cap allowed minutes; every segment also made a table the key index walked again.
///
/// The scan follows TOML closely enough to skip strings (basic, literal, multi-line) and
/// comments; anything it misreads in a text that is not valid TOML, TOMLKit refuses after it.
public enum TOMLShape {
    /// Most dots in one key or table header (`a.b.c` has 2): ecs-protect's deepest is 2.
    public static let maximumKeyDots = 8
    /// Most keys and table headers in one file: a config file has a few dozen.
    public static let maximumKeys = 2000
    /// Deepest nesting of arrays and inline tables: ecs-protect's deepest is 1.
    public static let maximumNesting = 16

    /// What is wrong and on which line, or nil when the text is within every limit.
    public static func problem(in text: String) -> (line: Int, message: String)? {
        var line = 1
        var keys = 0
        var dots = 0          // dots in the current run of key segments
        var nesting = 0       // open `[`/`{` of values (not of table headers)
        var atLineStart = true
        var headerOpen = false
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
                dots = 0
                headerOpen = false
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "#"):
                while let next = bytes.first, next != UInt8(ascii: "\n") { bytes.removeFirst() }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // An unclosed string is TOMLKit's to report, with its own words.
                guard skipString(opening: byte, in: &bytes, line: &line) else { return nil }
            case UInt8(ascii: "."):
                dots += 1
                if dots > maximumKeyDots {
                    return (line, "a key or table name has more than \(maximumKeyDots + 1) dotted parts; ecs-protect's have at most 3")
                }
            case UInt8(ascii: "="):
                dots = 0
                keys += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                dots = 0
                if atLineStart && nesting == 0 && byte == UInt8(ascii: "[") {
                    // A table header, `[a.b]` or `[[a.b]]`.
                    if !headerOpen { keys += 1 }
                    headerOpen = true
                } else {
                    nesting += 1
                    if nesting > maximumNesting {
                        return (line, "arrays and inline tables nested more than \(maximumNesting) deep")
                    }
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                dots = 0
                if headerOpen && nesting == 0 {
                    // The end of a header's brackets.
                } else {
                    nesting = max(0, nesting - 1)
                }
            case UInt8(ascii: ","):
                dots = 0
            default:
                break
            }
            if keys > maximumKeys {
                return (line, "more than \(maximumKeys) keys; a config file has a few dozen")
            }
            atLineStart = false
        }
        return nil
    }

    /// Skips a string whose opening quote was just read; false when it does not close.
    private static func skipString(opening quote: UInt8, in bytes: inout ArraySlice<UInt8>, line: inout Int) -> Bool {
        // Two more quotes open a multi-line string (one more alone is an empty string).
        if bytes.starts(with: [quote, quote]) {
            bytes.removeFirst(2)
            while let byte = bytes.popFirst() {
                if byte == UInt8(ascii: "\n") { line += 1 }
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    if let next = bytes.popFirst(), next == UInt8(ascii: "\n") { line += 1 }
                    continue
                }
                if byte == quote && bytes.starts(with: [quote, quote]) {
                    bytes.removeFirst(2)
                    // Up to two more quotes may belong to the content (`""""` ends with one inside).
                    while bytes.first == quote { bytes.removeFirst() }
                    return true
                }
            }
            return false
        }
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\n") { return false }
            if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                _ = bytes.popFirst()
                continue
            }
            if byte == quote { return true }
        }
        return false
    }
}
