/// Counts changes to what the derived views read (the rows, the agent clock, the failing
/// sources), so a memoised ``DashboardViewModel`` can tell at a glance that it is still current.
///
/// It records how a state was reached, not what the state is: two states with the same content
/// are equal whatever their stamps, which is why it takes no part in equality.
struct ChangeStamp: Sendable, Equatable {
    private(set) var count = 0

    mutating func bump() { count &+= 1 }

    static func == (lhs: ChangeStamp, rhs: ChangeStamp) -> Bool { true }
}
