/// Names for the clusters of one dashboard, each distinct and no longer than it needs to be: the
/// cluster's name, with its region where the clusters' regions differ, its profile where their
/// profiles differ, and its account where that is still needed to tell two apart
/// (`prod@us-east-1/web`, `us-west-2/web`, `web`).
public enum FleetNaming {
    /// A resolved cluster: where and as whom it is reached.
    public struct Member: Sendable, Equatable {
        public var name: String
        public var region: String
        public var profile: String
        public var account: String?

        public init(name: String, region: String, profile: String, account: String? = nil) {
            self.name = name
            self.region = region
            self.profile = profile
            self.account = account
        }
    }

    /// One name per member, in order.
    public static func names(_ members: [Member]) -> [String] {
        let showRegion = Set(members.map(\.region)).count > 1
        let showProfile = Set(members.map(\.profile)).count > 1
        var names = members.map { member in
            (showProfile ? "\(member.profile)@" : "") + (showRegion ? "\(member.region)/" : "") + member.name
        }
        // Same name, region and profile but another account (two ARNs): the account tells them apart.
        let plain = names
        for (index, member) in members.enumerated() where plain.filter({ $0 == plain[index] }).count > 1 {
            if let account = member.account { names[index] = "\(account):" + plain[index] }
        }
        // Whatever is left the same is the same cluster given twice: numbered, never merged.
        var seen: [String: Int] = [:]
        for index in names.indices {
            let count = seen[names[index], default: 0]
            seen[names[index]] = count + 1
            if count > 0 { names[index] += "#\(count + 1)" }
        }
        return names
    }
}
