import FoundationEssentials
import ProtectionCore

/// The latest failure or error a task reported, kept with its time until a success replaces it.
public struct TaskProblem: Sendable, Equatable {
    /// Whether ECS answered with a `failure` object or something went wrong (error, 429, transport).
    public enum Kind: Sendable, Equatable {
        case failure
        case error
    }

    /// Failure or error.
    public var kind: Kind
    /// `Reason` of a failure, `Code` of an error, or our code for 429 and transport problems.
    public var code: String
    /// `Detail` or `Message`; empty when the agent sent none.
    public var message: String
    /// When it was last seen, by the local clock.
    public var at: Date

    public init(kind: Kind, code: String, message: String, at: Date) {
        self.kind = kind
        self.code = code
        self.message = message
        self.at = at
    }

    /// The problem a result carries, or nil for a success.
    public init?(result: ProtectionResult, at: Date) {
        // The code is the one every report uses (`ProtectionResult.problemCode`); only the message differs by case.
        guard let code = result.problemCode else { return nil }
        switch result {
        case .protection:
            return nil
        case .failure(let failure):
            self.init(kind: .failure, code: code, message: failure.detail ?? "", at: at)
        case .error(let error):
            self.init(kind: .error, code: code, message: error.message, at: at)
        case .rateLimited(let message):
            self.init(kind: .error, code: code, message: message, at: at)
        case .transport(let problem):
            self.init(kind: .error, code: code, message: problem.message, at: at)
        }
    }

    /// `Code: Message`, or just the code when there is no message.
    public var summary: String { message.isEmpty ? code : "\(code): \(message)" }

    /// Whether two problems say the same thing, whenever they happened.
    func sameContent(as other: TaskProblem?) -> Bool {
        guard let other else { return false }
        return kind == other.kind && code == other.code && message == other.message
    }
}
