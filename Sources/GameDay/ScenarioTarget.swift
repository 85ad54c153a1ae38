/// What a fault step applies to.
public enum ScenarioTarget: Sendable, Equatable {
    /// One task, by its label.
    case task(String)
    /// Every task of a service.
    case service(String)
    /// Every task.
    case all
}
