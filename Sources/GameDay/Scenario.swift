import AgentSimulator

/// A drill: the world it starts from and a timeline of steps. Read from a file by ``ScenarioParser``.
public struct Scenario: Sendable, Equatable {
    /// One simulated task at the start.
    public struct Task: Sendable, Equatable {
        /// The label operators see (`web-1`); unique in the scenario.
        public var label: String
        /// The service the task belongs to.
        public var service: String
        /// Seconds of protection left at the start, or `nil` for unprotected.
        public var protectedFor: Double?
        /// A fault injected from the start.
        public var fault: FaultKind?

        /// Creates a task.
        public init(label: String, service: String, protectedFor: Double? = nil, fault: FaultKind? = nil) {
            self.label = label
            self.service = service
            self.protectedFor = protectedFor
            self.fault = fault
        }
    }

    /// The scenario's title.
    public var name: String
    /// What the drill is about, for the presenter.
    public var summary: String
    /// The tasks, in order: task `i` of the scenario is the simulator's task `i`.
    public var tasks: [Task]
    /// Desired counts of services at the start (a service left out wants all its tasks).
    public var desiredCounts: [String: Int]
    /// Steps, sorted by time (steps at the same time keep the file's order).
    public var steps: [ScenarioStep]

    /// Creates a scenario; `steps` are sorted by time.
    public init(name: String, summary: String = "", tasks: [Task], desiredCounts: [String: Int] = [:], steps: [ScenarioStep]) {
        self.name = name
        self.summary = summary
        self.tasks = tasks
        self.desiredCounts = desiredCounts
        self.steps = steps.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The index of the task labelled `label`.
    public func taskIndex(label: String) -> Int? {
        tasks.firstIndex { $0.label == label }
    }

    /// The indices a target names.
    public func taskIndices(_ target: ScenarioTarget) -> [Int] {
        switch target {
        case .task(let label): return taskIndex(label: label).map { [$0] } ?? []
        case .service(let name): return tasks.indices.filter { tasks[$0].service == name }
        case .all: return Array(tasks.indices)
        }
    }

    /// The simulator configuration for this world (faults, services, desired counts); ports and
    /// timings are the caller's.
    public func simulatorConfiguration(base: SimulatorConfiguration) -> SimulatorConfiguration {
        var configuration = base
        configuration.taskCount = tasks.count
        configuration.initialFaults = Dictionary(uniqueKeysWithValues: tasks.enumerated().compactMap { index, task in
            task.fault.map { (index, $0) }
        })
        configuration.taskServices = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($0.offset, $0.element.service) })
        configuration.serviceDesiredCounts = desiredCounts
        return configuration
    }
}
