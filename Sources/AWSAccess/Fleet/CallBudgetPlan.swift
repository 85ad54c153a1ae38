/// How one call budget per account and region is shared between the clusters it serves: clusters
/// with the same ``CallBudgetKey`` split that key's calls per second evenly, so together they never
/// exceed it; a cluster alone on its key has all of it.
///
/// An even split is deliberate: each cluster's monitor then plans its own rounds with no lock
/// between monitors, and a cluster that is down cannot take slots from one that is up.
public struct CallBudgetPlan: Sendable, Equatable {
    /// One budget: its key and the members (indexes into the keys given) that share it.
    public struct Budget: Sendable, Equatable {
        public var key: CallBudgetKey
        public var members: [Int]
    }

    /// The budgets, in the order their first member was given.
    public let budgets: [Budget]
    /// Calls per second each budget allows.
    public let callsPerSecond: Double
    private let budgetOfMember: [Int]

    /// Groups `keys` (one per cluster, in order) into budgets of `callsPerSecond` each.
    public init(keys: [CallBudgetKey], callsPerSecond: Double) {
        var budgets: [Budget] = []
        var index: [CallBudgetKey: Int] = [:]
        var budgetOfMember: [Int] = []
        for (member, key) in keys.enumerated() {
            if let existing = index[key] {
                budgets[existing].members.append(member)
                budgetOfMember.append(existing)
            } else {
                index[key] = budgets.count
                budgetOfMember.append(budgets.count)
                budgets.append(Budget(key: key, members: [member]))
            }
        }
        self.budgets = budgets
        self.budgetOfMember = budgetOfMember
        self.callsPerSecond = callsPerSecond
    }

    /// The calls per second member `index` may send: its budget's, split evenly among the budget's members.
    public func share(of index: Int) -> Double {
        callsPerSecond / Double(budgets[budget(of: index)].members.count)
    }

    /// The position in ``budgets`` of member `index`'s budget.
    public func budget(of index: Int) -> Int { budgetOfMember[index] }
}
