import FoundationEssentials

/// The agent's `protection` object: whether the task is protected and until when.
public struct TaskProtection: Sendable, Equatable {
    /// `ProtectionEnabled`.
    public var enabled: Bool
    /// `ExpirationDate`, or nil when the agent sent `null`.
    public var expirationDate: Date?
    /// `ExpirationDate` exactly as the agent wrote it, so `--json` can echo it unchanged.
    public var expirationDateText: String?
    /// `TaskArn`.
    public var taskArn: String

    public init(enabled: Bool, expirationDate: Date?, expirationDateText: String? = nil, taskArn: String) {
        self.enabled = enabled
        self.expirationDate = expirationDate
        self.expirationDateText = expirationDateText ?? expirationDate.map(RFC3339.format)
        self.taskArn = taskArn
    }
}
