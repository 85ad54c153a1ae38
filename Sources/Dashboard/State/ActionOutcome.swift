import FoundationEssentials
import ProtectionCore

/// What became of the operator's last action on a task (a protect, unprotect or keep renewal).
/// It stays on the row until the next action on that task or a dismiss: a later successful read
/// never hides that the action failed.
public struct ActionOutcome: Sendable, Equatable {
    /// How the action ended, or that it has not yet.
    public enum Result: Sendable, Equatable {
        /// Sent, no answer yet.
        case inFlight
        /// The answer confirmed the change.
        case succeeded
        /// The answer refused or the request failed: the failure's `Reason`, the error's `Code`,
        /// or our code for a transport problem, with its message.
        case failed(code: String, message: String)
    }

    /// What was asked.
    public var change: ProtectionChange
    /// When it was sent, by the local clock.
    public var sentAt: Date
    /// How it ended.
    public var result: Result
    /// When the answer came, by the local clock.
    public var answeredAt: Date?

    /// An action just sent.
    public init(change: ProtectionChange, sentAt: Date) {
        self.change = change
        self.sentAt = sentAt
        result = .inFlight
    }

    /// Whether the action ended in a failure or error.
    public var failed: Bool {
        if case .failed = result { return true }
        return false
    }

    /// The failure's code, when it failed.
    public var failureCode: String? {
        if case .failed(let code, _) = result { return code }
        return nil
    }

    /// "protect 120m: DEPLOYMENT_BLOCKED: message", "unprotect: ok", "protect 120m: sent": what
    /// the row says of the action, without its age.
    public var summary: String {
        let verb = Wording.change(change)
        switch result {
        case .inFlight: return "\(verb): sent"
        case .succeeded: return "\(verb): ok"
        case .failed(let code, let message): return message.isEmpty ? "\(verb): \(code)" : "\(verb): \(code): \(message)"
        }
    }
}
