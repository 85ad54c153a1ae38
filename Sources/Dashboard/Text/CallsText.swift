import FoundationEssentials
import ProtectionCore

/// The ECS API calls a dashboard has sent, in words: per minute once a minute has passed, the
/// calls so far before that, and each budget on its own when a fleet draws on several.
enum CallsText {
    /// "15 calls/min", or before a minute of calls has passed, the count so far ("15 calls in
    /// 12 s"); on several budgets, each: "us-west-2 119 calls/min, us-east-1 118 calls/min".
    static func of(_ state: DashboardState) -> String {
        // A fleet on several budgets: each against its own limit, as ECS throttles them.
        if state.budgetCalls.count > 1 {
            return state.budgetCalls.map { budget in
                "\(budget.budget) " + (budget.perMinute.map(rateText) ?? "\(budget.calls) calls in \(Int(budget.seconds.rounded(.down))) s")
            }.joined(separator: ", ")
        }
        if let counted = state.callsSoFar { return "\(counted.calls) \(counted.calls == 1 ? "call" : "calls") in \(counted.seconds) s" }
        guard let rate = state.callsPerMinute else { return "- calls/min" }
        return rateText(rate)
    }

    private static func rateText(_ rate: Double) -> String {
        "\(rate < 10 ? DecimalText.fixed(rate, decimals: 1) : String(Int(rate.rounded()))) calls/min"
    }
}
