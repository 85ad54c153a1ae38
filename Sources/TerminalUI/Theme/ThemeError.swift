import SafeText

/// Why a theme could not be loaded: which file, which line (when one is to blame), and what is wrong.
/// `description` reads like a compiler message: `light.theme:12: unknown colour 'bleu' (…)`.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Error, Sendable, Equatable {
        case missingEquals
        case missingKey
        case missingValue(key: String)
        case unknownRole(String)
        case unknownColour(String)
        case colourIndexOutOfRange(String)
        case badHexColour(String)
        case unknownAttribute(String)
        case repeatedAttribute(String)
        case misplacedColour(String)
        case missingBackground
        case duplicateRole(String, firstLine: Int)
        case duplicateHeader(String, firstLine: Int)
        case unknownParent(String)
        case inheritanceCycle([String])
        case themeNotFound(String, available: [String])
        case unreadable(String)
    }

    /// The file name (or path) the theme came from.
    public var fileName: String
    /// The 1-based line at fault, or nil for whole-file problems (not found, unreadable, cycle).
    public var line: Int?
    public var problem: Problem

    public init(fileName: String, line: Int?, problem: Problem) {
        self.fileName = fileName
        self.line = line
        self.problem = problem
    }

    /// File, line and problem, made inert for a terminal; a huge offending word is cut short.
    public var description: String {
        let location = line.map { "\(fileName):\($0)" } ?? fileName
        return TerminalSafeText.inert("\(Self.clip(location, limit: 200)): \(message)")
    }

    /// The problem in words, without the location.
    public var message: String {
        switch problem {
        case .missingEquals:
            "missing '=' (expected 'role = colour [on colour] [attributes]')"
        case .missingKey:
            "missing role name before '='"
        case .missingValue(let key):
            "nothing after '=' for '\(Self.clip(key))'"
        case .unknownRole(let word):
            "unknown role '\(Self.clip(word))' (expected description, inherits or one of: "
                + StyleRole.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .unknownColour(let word):
            "unknown colour '\(Self.clip(word))' (expected default, a colour name, 0-255 or #rrggbb)"
        case .colourIndexOutOfRange(let word):
            "colour index \(Self.clip(word)) is out of range (expected 0-255)"
        case .badHexColour(let word):
            "bad hex colour '\(Self.clip(word))' (expected #rrggbb; a comment needs a space after '#')"
        case .unknownAttribute(let word):
            "unknown attribute '\(Self.clip(word))' (expected bold, dim, reverse or underline)"
        case .repeatedAttribute(let word):
            "attribute '\(Self.clip(word))' given twice"
        case .misplacedColour(let word):
            "unexpected '\(Self.clip(word))' (write: colour [on colour] then attributes)"
        case .missingBackground:
            "'on' must be followed by a background colour"
        case .duplicateRole(let role, let firstLine):
            "role '\(Self.clip(role))' is already set on line \(firstLine)"
        case .duplicateHeader(let key, let firstLine):
            "'\(Self.clip(key))' is already set on line \(firstLine)"
        case .unknownParent(let name):
            "inherits unknown theme '\(Self.clip(name))'"
        case .inheritanceCycle(let chain):
            "themes inherit from each other: " + chain.joined(separator: " -> ")
        case .themeNotFound(let name, let available):
            "no theme named '\(Self.clip(name))' (available: \(available.joined(separator: ", ")))"
        case .unreadable(let reason):
            "cannot read theme file: \(reason)"
        }
    }

    /// A word or path quoted from the file: made inert and cut short, so a one-megabyte line
    /// gives a one-line error.
    static func clip(_ text: String, limit: Int = 60) -> String {
        TerminalSafeText.excerpt(text, limit: limit)
    }
}
