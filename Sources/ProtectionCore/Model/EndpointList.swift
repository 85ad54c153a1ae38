import SafeText

/// Reads a list of endpoints, one `[label=]URI` per line, as given to `--endpoints-from`.
///
/// Blank lines and lines whose first non-blank character is `#` are skipped. The first bad line
/// is reported as `source:line: why`. Linear in the size of the text.
public enum EndpointList {
    /// Largest list accepted (about 100,000 endpoints).
    public static let maximumBytes = 16 << 20

    /// A line that is not an endpoint, or a list too large to read.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        /// Where the list came from (a path, or `-` for standard input).
        public let source: String
        /// The 1-based line at fault, or nil when the whole list is refused.
        public let line: Int?
        /// What is wrong, already inert for a terminal.
        public let reason: String

        public init(source: String, line: Int?, reason: String) {
            self.source = source
            self.line = line
            self.reason = reason
        }

        public var description: String {
            let location = line.map { "\(source):\($0)" } ?? source
            return "\(TerminalSafeText.excerpt(location, limit: 200)): \(reason)"
        }
    }

    /// Parses the whole list.
    public static func parse(_ bytes: [UInt8], source: String) throws(Problem) -> [Endpoint] {
        guard bytes.count <= maximumBytes else {
            throw Problem(source: source, line: nil, reason: "larger than \(maximumBytes >> 20) MiB")
        }
        var endpoints: [Endpoint] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self).trimmingWhitespace()
            if text.isEmpty || text.hasPrefix("#") { continue }
            do {
                endpoints.append(try EndpointParser.parse(text))
            } catch {
                throw Problem(source: source, line: lineNumber, reason: error.description)
            }
        }
        return endpoints
    }
}
