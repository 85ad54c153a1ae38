import SafeText

/// A scenario file that cannot be played: where and what is wrong.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line, or `nil` when the problem is the whole file (unreadable, empty).
    public var line: Int?
    /// What is wrong, in words a scenario author can act on.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message` (or `file: message`), safe to print on a terminal.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return TerminalSafeText.inert("\(place): \(message)")
    }
}
