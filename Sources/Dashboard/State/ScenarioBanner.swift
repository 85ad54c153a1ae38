import FoundationEssentials

/// What the header says about a scenario being played: its name and the step that runs next.
public struct ScenarioBanner: Sendable, Equatable {
    /// The scenario's name.
    public var name: String
    /// The next step, in words (`agent down`), or `nil` once every step ran.
    public var nextStep: String?
    /// When the next step runs, by the local clock.
    public var nextAt: Date?

    /// Creates a banner.
    public init(name: String, nextStep: String?, nextAt: Date?) {
        self.name = name
        self.nextStep = nextStep
        self.nextAt = nextAt
    }
}
