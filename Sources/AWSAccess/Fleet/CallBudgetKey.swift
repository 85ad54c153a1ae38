/// Where ECS applies its call rate limit: per account and region. Clusters with the same key share
/// one budget of calls per second; clusters with different keys each have their own.
public struct CallBudgetKey: Sendable, Hashable, CustomStringConvertible {
    /// The account when known (a cluster ARN names it), else the profile whose credentials sign
    /// the calls: one profile reaches one account.
    public var principal: String
    /// The region the calls go to.
    public var region: String

    /// Creates a key.
    public init(principal: String, region: String) {
        self.principal = principal
        self.region = region
    }

    /// The key of a cluster reached with `profile` in `region`, its ARN's account winning.
    public init(account: String?, profile: String, region: String) {
        self.init(principal: account ?? "profile \(profile)", region: region)
    }

    /// `123456789012 us-east-1` or `profile prod us-east-1`.
    public var description: String { "\(principal) \(region)" }

    /// What a dashboard calls each of `keys`: the region alone while every key has the same
    /// account (or profile), else the whole key.
    public static func shortNames(_ keys: [CallBudgetKey]) -> [String] {
        let oneAccount = Set(keys.map(\.principal)).count <= 1
        return keys.map { oneAccount ? $0.region : $0.description }
    }
}
