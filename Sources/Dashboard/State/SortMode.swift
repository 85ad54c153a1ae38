/// The column task rows are ordered by, in the table's own left-to-right order; `s` and `>` step to
/// the next, `<` to the previous, `I` turns the order round.
public enum SortMode: String, Sendable, CaseIterable, Equatable {
    case label
    case service
    case state
    case remaining = "remaining time"
    case answered = "last answer"
    case problem

    /// The next column in the cycle.
    public var next: SortMode { step(by: 1) }

    /// The previous column in the cycle.
    public var previous: SortMode { step(by: -1) }

    private func step(by delta: Int) -> SortMode {
        let all = SortMode.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + delta + all.count) % all.count]
    }
}
