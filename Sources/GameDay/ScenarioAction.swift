import AgentSimulator

/// What one timeline step does to the simulated world.
public enum ScenarioAction: Sendable, Equatable {
    /// Injects `fault` into the target's tasks; `nil` clears it.
    case fault(FaultKind?, ScenarioTarget)
    /// Takes every agent endpoint down (`true`) or brings it back.
    case agentDown(Bool)
    /// Takes the ECS API look-alike down (`true`) or brings it back.
    case ecsAPIDown(Bool)
    /// Moves the simulator's clock forward by this many seconds (protection expires sooner).
    case advanceClock(seconds: Double)
    /// Sets the simulator's clock this many seconds ahead of (negative: behind) the scenario's own time.
    case skewClock(seconds: Double)
    /// A queue worker takes a job on `task`: it protects the task through its agent endpoint for
    /// `minutes`, works for `seconds`, then unprotects it.
    case work(task: String, seconds: Double, minutes: Int)
    /// Sets a service's desired count (a scale-in when lower).
    case scale(service: String, desired: Int)
    /// Deploys the service's next task definition revision: old tasks are replaced as their
    /// protection allows.
    case deploy(service: String)
    /// Says something to the room; changes nothing.
    case note(String)
}

extension ScenarioAction {
    /// One line for the timeline and the demo's header, e.g. `fault throttled on ingest-1`.
    public var summary: String {
        switch self {
        case .fault(let kind, let target):
            let on: String
            switch target {
            case .task(let label): on = label
            case .service(let name): on = "service \(name)"
            case .all: on = "all tasks"
            }
            return kind.map { "fault \($0.rawValue) on \(on)" } ?? "clear fault on \(on)"
        case .agentDown(let down): return down ? "agent down" : "agent up"
        case .ecsAPIDown(let down): return down ? "ECS API down" : "ECS API up"
        case .advanceClock(let seconds): return "clock +\(ScenarioDuration.text(seconds))"
        case .skewClock(let seconds): return "clock skew \(ScenarioDuration.text(seconds))"
        case .work(let task, let seconds, let minutes):
            return "work on \(task) for \(ScenarioDuration.text(seconds)) (protects \(minutes)m)"
        case .scale(let service, let desired): return "scale \(service) to \(desired)"
        case .deploy(let service): return "deploy \(service)"
        case .note(let text): return "note: \(text)"
        }
    }
}
