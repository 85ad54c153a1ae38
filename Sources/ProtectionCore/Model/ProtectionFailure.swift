/// The agent's `failure` object: ECS answered with one failure for the task (e.g. `TASK_NOT_VALID`).
public struct ProtectionFailure: Sendable, Equatable {
    /// `Arn`.
    public var arn: String?
    /// `Reason`.
    public var reason: String?
    /// `Detail` (`null` on the wire is nil here).
    public var detail: String?

    public init(arn: String?, reason: String?, detail: String?) {
        self.arn = arn
        self.reason = reason
        self.detail = detail
    }
}
