import FoundationEssentials
import ProtectionCore

/// What `--speed` does to a scenario: its own durations (step times, jobs, the protection its tasks
/// start with and its workers ask for, `advance` and `skew`) shrink by the speed, while the
/// simulator keeps serving wall time, so dashboards need no knowledge of the speed. A worker's
/// protection goes through the agent, which takes whole minutes: a step whose minutes do not
/// shrink to a whole number of minutes (at least one) cannot be honoured.
public enum ScenarioSpeed {
    /// Checks that every step of `scenario` can be played at `speed`.
    /// - Throws: ``ScenarioError`` naming the first step that cannot, with its line.
    public static func check(_ scenario: Scenario, speed: Double, file: String) throws(ScenarioError) {
        for step in scenario.steps {
            guard case .work(_, _, let minutes) = step.action, !isWhole(minutes, speed: speed) else { continue }
            let wall = Double(minutes) / speed
            throw ScenarioError(file: file, line: step.line, message: "at --speed \(number(speed)) the worker's \(minutes) "
                + "minutes of protection would last \(number(wall)) minutes, and the agent takes whole minutes "
                + "(at least 1): give 'minutes' as a multiple of the speed, or play at a speed that divides it")
        }
    }

    /// The wall-clock minutes a worker asks for in place of the scenario's `minutes` at `speed`:
    /// exact when ``check(_:speed:file:)`` passed, else the next whole minute (at least 1).
    public static func wallMinutes(_ minutes: Int, speed: Double) -> Int {
        let wall = Double(minutes) / max(1, speed)
        let whole = isWhole(minutes, speed: speed) ? wall.rounded() : wall.rounded(.up)
        return max(1, min(ProtectionChange.minutesRange.upperBound, Int(whole)))
    }

    /// `10`, `1.5`, `0.167`.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : DecimalText.significant(value, digits: 3)
    }

    private static func isWhole(_ minutes: Int, speed: Double) -> Bool {
        let wall = Double(minutes) / max(1, speed)
        return wall >= 1 - 1e-9 && abs(wall - wall.rounded()) < 1e-9
    }
}
