import AWSAccess
import Testing

@Suite("--cluster values: [PROFILE@][REGION/]CLUSTER or a cluster ARN")
struct ClusterReferenceTests {
    @Test("a name, a region, a profile, each only where given")
    func qualifiedForms() throws {
        let plain = try ClusterReference(parsing: "web")
        #expect(plain == ClusterReference(cluster: "web"))
        let regional = try ClusterReference(parsing: "us-east-1/web")
        #expect(regional.region == "us-east-1" && regional.profile == nil && regional.cluster == "web")
        let full = try ClusterReference(parsing: "prod@eu-central-2/web_2")
        #expect(full.profile == "prod" && full.region == "eu-central-2" && full.cluster == "web_2" && full.name == "web_2")
        #expect(full.text == "prod@eu-central-2/web_2")
        let profiled = try ClusterReference(parsing: "team.prod@web")
        #expect(profiled.profile == "team.prod" && profiled.region == nil)
        #expect(try ClusterReference(parsing: "us-gov-west-1/gov").region == "us-gov-west-1")
    }

    @Test("an ARN is taken as it is, its region and account read from it")
    func arn() throws {
        let arn = "arn:aws:ecs:us-west-2:123456789012:cluster/payments"
        let reference = try ClusterReference(parsing: arn)
        #expect(reference.cluster == arn)
        #expect(reference.name == "payments" && reference.region == "us-west-2" && reference.account == "123456789012")
        #expect(reference.text == "us-west-2/payments")
        #expect(try ClusterReference(parsing: "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/c").region == "cn-north-1")
    }

    @Test("hostile and malformed values get a line naming what is wrong", arguments: [
        ("", "needs a value"),
        ("us-east-1/", "not a cluster name"),
        ("nowhere/web", "'nowhere' is not a region"),
        ("US-EAST-1/web", "is not a region"),
        ("@us-east-1/web", "profile before @ is empty"),
        ("a/b@web", "profile before @ is empty or holds a /"),
        ("us-east-1/a/b", "not a cluster name"),
        ("web cluster", "without spaces"),
        ("web\u{1b}[2J", "without spaces or control characters"),
        ("wéb", "printable ASCII"),
        ("arn:aws:ecs:us-east-1:123:cluster/web", "not an account"),
        ("arn:aws:s3:us-east-1:123456789012:cluster/web", "not an ECS cluster ARN"),
        ("arn:aws:ecs:us-east-1:123456789012:service/web", "must be cluster/NAME"),
        ("arn:aws:ecs:mars-1:123456789012:cluster/web", "'mars-1' is not a region"),
        ("arn:aws:ecs:us-east-1:123456789012:cluster/web:extra", "not an ECS cluster ARN"),
        (String(repeating: "a", count: 1601), "longer than 1600"),
        (String(repeating: "a", count: 256), "not a cluster name"),
    ])
    func refused(value: String, expected: String) {
        #expect(throws: ClusterReferenceError.self) { try ClusterReference(parsing: value) }
        do {
            _ = try ClusterReference(parsing: value)
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
        }
    }
}

@Suite("Call budgets per account and region, and the clusters' names")
struct CallBudgetPlanTests {
    @Test("clusters in one account and region share one budget; other regions or accounts have their own")
    func grouping() {
        let keys = [
            CallBudgetKey(account: nil, profile: "prod", region: "us-east-1"),
            CallBudgetKey(account: nil, profile: "prod", region: "us-east-1"),
            CallBudgetKey(account: nil, profile: "prod", region: "eu-west-1"),
            CallBudgetKey(account: "123456789012", profile: "prod", region: "us-east-1"),
        ]
        let plan = CallBudgetPlan(keys: keys, callsPerSecond: 10)
        #expect(plan.budgets.map(\.members) == [[0, 1], [2], [3]])
        #expect(plan.budgets.map(\.key.description) == ["profile prod us-east-1", "profile prod eu-west-1", "123456789012 us-east-1"])
        #expect((0..<4).map(plan.share(of:)) == [5, 5, 10, 10])
        // Together the members of a budget never exceed it.
        for budget in plan.budgets {
            #expect(budget.members.map(plan.share(of:)).reduce(0, +) == 10)
        }
    }

    @Test("names say region and profile only where the clusters differ in them")
    func names() {
        typealias Member = FleetNaming.Member
        #expect(FleetNaming.names([Member(name: "a", region: "us-east-1", profile: "p"),
                                   Member(name: "b", region: "us-east-1", profile: "p")]) == ["a", "b"])
        #expect(FleetNaming.names([Member(name: "web", region: "us-east-1", profile: "p"),
                                   Member(name: "web", region: "eu-west-1", profile: "p")]) == ["us-east-1/web", "eu-west-1/web"])
        #expect(FleetNaming.names([Member(name: "web", region: "us-east-1", profile: "prod"),
                                   Member(name: "web", region: "us-east-1", profile: "stage")]) == ["prod@web", "stage@web"])
        #expect(FleetNaming.names([Member(name: "web", region: "r", profile: "p", account: "111111111111"),
                                   Member(name: "web", region: "r", profile: "p", account: "222222222222")])
                == ["111111111111:web", "222222222222:web"])
        #expect(FleetNaming.names([Member(name: "web", region: "r", profile: "p"),
                                   Member(name: "web", region: "r", profile: "p")]) == ["web", "web#2"])
    }
}
