/// How task rows are ordered; `s` cycles through them.
public enum SortMode: String, Sendable, CaseIterable, Equatable {
    case label
    case remaining = "remaining time"
    case state

    /// The next mode in the cycle.
    public var next: SortMode {
        let all = SortMode.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }
}
