/// A place in the config file: its path and, when known, the 1-based line.
public struct ConfigLocation: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// `path:line`, or the path alone when no line applies (an unreadable file).
    public var description: String {
        let shownPath = DisplaySafe.text(path)
        guard let line else { return shownPath }
        return "\(shownPath):\(line)"
    }
}
