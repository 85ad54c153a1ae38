import ProtectionCore

/// Recognises a GET answer that says what the target's previous answer said.
///
/// Such an answer changes only the row's age on screen (and, at most, clears a stale mark), which
/// the next tick redraws anyway within about a second, so a runtime need not wake its loop for it:
/// at 5 polls a second that is 5 wake-ups and frames a second fewer. Any other answer (the first
/// for a target, a changed protection, a new failure or error, any PUT) is news.
public struct RepeatedAnswers: Sendable {
    private struct Outcome: Equatable, Sendable {
        var result: ProtectionResult
        var httpStatus: Int?
    }

    private var previous: [TargetID: Outcome] = [:]

    /// Remembers nothing yet: every target's first answer is news.
    public init() {}

    /// Whether `event` is a GET answer equal to the previous answer for its target. Every event
    /// must pass through here so the previous answer is always the latest.
    public mutating func isRepeat(_ event: MonitorEvent) -> Bool {
        guard case .responded(let target, let request, let response) = event else { return false }
        let outcome = Outcome(result: response.result, httpStatus: response.httpStatus)
        let before = previous.updateValue(outcome, forKey: target)
        guard case .get = request else { return false }
        return before == outcome
    }
}
