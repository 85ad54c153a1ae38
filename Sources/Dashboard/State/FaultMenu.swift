import ProtectionCore

/// The demo-only menu that injects a fault into one simulated task.
public struct FaultMenu: Sendable, Equatable {
    /// The task the fault applies to.
    public var target: TargetID
    /// The highlighted line: an index into the fault kinds, or one past them for "clear fault".
    public var highlighted: Int = 0

    public init(target: TargetID, highlighted: Int = 0) {
        self.target = target
        self.highlighted = highlighted
    }

    /// The menu's lines: every fault kind, then the line that clears the fault.
    public static func options(faultKinds: [String]) -> [String] { faultKinds + [clearOption] }

    /// The label of the line that removes the fault.
    public static let clearOption = "clear fault"
}
