/// Why a fault kind or a `<task>=<kind>` fault assignment could not be parsed.
public enum FaultParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind is not one of ``FaultKind/allCases``.
    case unknownKind(String)
    /// The assignment has no `=` or an empty side.
    case malformedAssignment(String)
    /// The task part is neither a valid index nor a known endpoint id.
    case unknownTask(String, taskCount: Int)

    public var description: String {
        switch self {
        case .unknownKind(let kind):
            return "unknown fault kind '\(kind)'; valid kinds: \(FaultKind.validKindsList)"
        case .malformedAssignment(let text):
            return "malformed fault assignment '\(text)'; expected <task>=<kind>, e.g. 2=throttled"
        case .unknownTask(let task, let count):
            let range = count > 0 ? "0...\(count - 1)" : "none (no tasks)"
            return "unknown task '\(task)'; expected a task index in \(range) or a known endpoint id"
        }
    }
}
