/// One timed step of a scenario's timeline.
public struct ScenarioStep: Sendable, Equatable {
    /// Seconds after the scenario starts.
    public var at: Double
    /// What the step does.
    public var action: ScenarioAction
    /// The line of the scenario file the step starts on (for messages).
    public var line: Int

    /// Creates a step.
    public init(at: Double, action: ScenarioAction, line: Int) {
        self.at = at
        self.action = action
        self.line = line
    }
}
