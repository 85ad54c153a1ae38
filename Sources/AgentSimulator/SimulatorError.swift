/// Misuse of the simulator's API.
public enum SimulatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A task index outside `0..<taskCount`.
    case noSuchTask(index: Int, taskCount: Int)
    /// The configuration cannot work (e.g. a negative task count).
    case invalidConfiguration(String)
    /// An operation that needs a started simulator was called before ``AgentSimulator/start()``
    /// or after ``AgentSimulator/shutdown()``.
    case notRunning
    /// A listener could not be bound: which address and port (as asked for), and the system's reason.
    case cannotListen(address: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .noSuchTask(let index, let count):
            let range = count > 0 ? "0...\(count - 1)" : "none"
            return "no task with index \(index); valid indices: \(range)"
        case .invalidConfiguration(let reason):
            return "invalid simulator configuration: \(reason)"
        case .notRunning:
            return "the simulator is not running"
        case .cannotListen(let address, let port, let reason):
            return "cannot listen on \(address):\(port): \(reason)"
        }
    }
}
