/// A place in the config file: its path and, when known, the 1-based line.
struct ConfigLocation: Equatable, CustomStringConvertible {
    var path: String
    var line: Int?

    /// `path:line`, or the path alone when no line applies (an unreadable file).
    var description: String {
        let shownPath = DisplaySafe.text(path)
        guard let line else { return shownPath }
        return "\(shownPath):\(line)"
    }
}
