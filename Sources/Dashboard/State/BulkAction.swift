import FoundationEssentials
import ProtectionCore

/// An action sent to several tasks at once, followed until every task answered so that it can end
/// with one summary ("protect 50: 20 protected, 30 DEPLOYMENT_BLOCKED").
public struct BulkAction: Sendable, Equatable {
    /// What was asked.
    public let change: ProtectionChange
    /// The tasks it was sent to.
    public let targets: Set<TargetID>
    /// Each answered task's failure code, or nil when it succeeded.
    public private(set) var outcomes: [TargetID: String?] = [:]
    /// What to do about each failure code, from the first task that answered it with a hint.
    public private(set) var hints: [String: String] = [:]

    public init(change: ProtectionChange, targets: [TargetID]) {
        self.change = change
        self.targets = Set(targets)
    }

    /// Records `target`'s answer; returns whether every task has now answered.
    public mutating func record(_ target: TargetID, failureCode: String?, hint: String? = nil) -> Bool {
        guard targets.contains(target) else { return false }
        outcomes[target] = .some(failureCode)
        if let failureCode, let hint, hints[failureCode] == nil { hints[failureCode] = hint }
        return isComplete
    }

    /// Whether every task answered.
    public var isComplete: Bool { outcomes.count == targets.count }

    /// Tasks that succeeded.
    public var succeeded: Int { outcomes.values.filter { $0 == nil }.count }

    /// Failure codes with how many tasks answered each, most frequent first.
    public var failuresByCode: [(code: String, count: Int)] {
        var counts: [String: Int] = [:]
        for case .some(let code) in outcomes.values { counts[code, default: 0] += 1 }
        return counts.map { (code: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }
}
