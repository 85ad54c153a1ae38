import FoundationEssentials
import SafeText

/// A `<task>=<kind>` fault assignment from the command line, e.g. `2=throttled`
/// or `<endpoint-id>=ecs-timeout`.
public struct FaultAssignment: Sendable, Equatable {
    /// How the assignment names its task.
    public enum TaskReference: Sendable, Equatable {
        /// A zero-based task index.
        case index(Int)
        /// An endpoint id, resolved against a running simulator's tasks.
        case endpointID(String)
    }

    /// The task the fault applies to.
    public var task: TaskReference
    /// The fault to inject.
    public var kind: FaultKind

    /// Creates an assignment directly.
    public init(task: TaskReference, kind: FaultKind) {
        self.task = task
        self.kind = kind
    }

    /// Parses `<task>=<kind>`. A task made only of digits is an index, anything else an endpoint id.
    /// - Throws: ``FaultParseError`` for a missing `=`, an empty side or an unknown kind.
    public init(argument: String) throws(FaultParseError) {
        guard let equals = argument.lastIndex(of: "=") else {
            throw .malformedAssignment(argument)
        }
        let taskText = argument[..<equals].trimmingHorizontalWhitespace()
        let kindText = String(argument[argument.index(after: equals)...])
        guard !taskText.isEmpty, !kindText.trimmingHorizontalWhitespace().isEmpty else {
            throw .malformedAssignment(argument)
        }
        kind = try FaultKind(argument: kindText)
        if taskText.allSatisfy(\.isASCII), taskText.allSatisfy(\.isNumber), let index = Int(taskText) {
            task = .index(index)
        } else {
            task = .endpointID(taskText)
        }
    }

    /// Resolves the task to an index among `endpointIDs` (the simulator's tasks, in index order).
    /// - Throws: ``FaultParseError/unknownTask(_:taskCount:)`` when out of range or unknown.
    public func resolveIndex(endpointIDs: [String]) throws(FaultParseError) -> Int {
        switch task {
        case .index(let index):
            guard endpointIDs.indices.contains(index) else {
                throw .unknownTask(String(index), taskCount: endpointIDs.count)
            }
            return index
        case .endpointID(let id):
            guard let index = endpointIDs.firstIndex(of: id) else {
                throw .unknownTask(id, taskCount: endpointIDs.count)
            }
            return index
        }
    }

    /// Resolves an index-only assignment against a task count, before any endpoint ids exist
    /// (for ``SimulatorConfiguration/initialFaults``).
    /// - Throws: ``FaultParseError/unknownTask(_:taskCount:)`` for an endpoint id or an index out of range.
    public func resolveIndex(taskCount: Int) throws(FaultParseError) -> Int {
        switch task {
        case .index(let index) where index >= 0 && index < taskCount:
            return index
        case .index(let index):
            throw .unknownTask(String(index), taskCount: taskCount)
        case .endpointID(let id):
            throw .unknownTask(id, taskCount: taskCount)
        }
    }
}
