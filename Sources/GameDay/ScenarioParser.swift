import AgentSimulator
import FileAccess
import FoundationEssentials
import ProtectionCore
import SafeText

/// Reads a scenario file (YAML; the format is documented in docs/GAME-DAYS.md and in `Scenarios/`).
///
/// YAML was chosen over TOML because a timeline is a list of small records, which YAML writes as
/// one `- at: 30s` block per step, while TOML needs a `[[steps]]` header for each. Values are taken
/// as text and checked here (`no` is not silently a boolean), and every problem names its line.
public enum ScenarioParser {
    /// Files larger than this are refused before parsing.
    public static let maximumBytes = 1 << 20
    /// Most tasks a scenario may declare (the simulator's own limit).
    public static let maximumTasks = 1000
    /// Most steps a scenario may declare.
    public static let maximumSteps = 10_000
    /// Latest a step may be scheduled, in seconds (a day).
    public static let maximumTime = 86_400.0
    /// Deepest nesting of lists and maps: a scenario uses four levels, and a text nested thousands
    /// deep is refused at the first collection past this, where the parse stops.
    public static let maximumNesting = 32

    /// A bundled scenario by name (`seeded-story`, see ``bundled``), else the file at `nameOrPath`.
    /// A path (anything with a `/`) is always a file, so `./seeded-story` reads the file even
    /// where a bundled scenario has the same name.
    /// - Throws: ``ScenarioError`` naming the file (or bundled name) and line.
    public static func load(nameOrPath: String) throws(ScenarioError) -> Scenario {
        if !nameOrPath.contains(Character("/")), let text = BundledScenarios.text(named: nameOrPath) {
            return try parse(text, file: "\(nameOrPath) (bundled)")
        }
        return try load(path: nameOrPath)
    }

    /// The scenarios compiled into the program: each name (what `--scenario` takes) and title.
    public static var bundled: [(name: String, title: String)] {
        BundledScenarios.files.map { file in
            let name = String(file.fileName.dropLast(".yaml".count))
            return (name, (try? parse(file.text, file: name).name) ?? "(does not load)")
        }
    }

    /// Reads and checks the file at `path`.
    /// - Throws: ``ScenarioError`` naming the file and line.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let data: [UInt8]
        do {
            // A regular file only: a FIFO would block the open, a directory fail with a foreign error.
            data = try CheckedFile.contents(of: path, limit: maximumBytes)
        } catch where error.tooLarge {
            throw ScenarioError(file: path, line: nil, message: "larger than \(maximumBytes / 1024) KiB; a scenario is a short text file")
        } catch {
            throw ScenarioError(file: path, line: nil, message: "cannot read the file (\(error.reason))")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ScenarioError(file: path, line: nil, message: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses scenario text; `file` is only used in messages.
    /// - Throws: ``ScenarioError`` naming the file and line.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(text, maximumDepth: maximumNesting)
        } catch {
            if error.nestedTooDeep {
                throw ScenarioError(file: file, line: error.line,
                                    message: "lists and maps nested more than \(maximumNesting) deep; a scenario needs four levels")
            }
            guard let line = error.line, !error.unreadable else {
                throw ScenarioError(file: file, line: nil, message: "not valid YAML text: \(error.problem)")
            }
            throw ScenarioError(file: file, line: min(max(1, line), lastLine(of: text)), message: "not valid YAML: \(error.problem)")
        }
        guard let root else { throw ScenarioError(file: file, line: nil, message: "empty file: a scenario needs a name, tasks and steps") }
        return try ScenarioDocumentReader(file: file).scenario(root)
    }

    /// The number of the last line with text (libyaml reports an unclosed bracket on the line after the end).
    private static func lastLine(of text: String) -> Int {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace), lines.count > 1 { lines.removeLast() }
        return max(1, lines.count)
    }
}
