import AgentSimulator
import FoundationEssentials

/// What `ecs-protect demo` seeds into its simulator so a room sees the whole story in the first
/// two minutes: protection with different remaining times, one that lapses about 90 s after start,
/// unprotected tasks, a TASK_NOT_VALID failure, throttled ECS calls and missing task credentials.
struct DemoScenario {
    struct Seed: Equatable {
        var label: String
        var protectedFor: TimeInterval?
        var fault: FaultKind?
    }

    let seeds: [Seed]

    /// The first eight tasks tell the story; more tasks repeat ordinary protected and unprotected services.
    init(taskCount: Int) {
        let story: [Seed] = [
            Seed(label: "web-1", protectedFor: 115 * 60),
            Seed(label: "web-2", protectedFor: 38 * 60),
            Seed(label: "worker-1", protectedFor: 90),
            Seed(label: "api-1"),
            Seed(label: "api-2"),
            Seed(label: "batch-1", fault: .taskNotValid),
            Seed(label: "ingest-1", fault: .throttled),
            Seed(label: "reports-1", fault: .noCredentials),
        ]
        seeds = (0..<taskCount).map { index in
            if index < story.count { return story[index] }
            let number = index - story.count + 1
            return Seed(label: "svc-\(number)", protectedFor: number % 2 == 0 ? nil : TimeInterval(20 + number * 7 % 100) * 60)
        }
    }

    /// The service a seed's task belongs to on the ECS API: its label without the number
    /// (`web-1` → `web`); `batch-1` is a standalone task, which ECS refuses to protect.
    static func service(of seed: Seed) -> String? {
        let name = seed.label.split(separator: "-").dropLast().joined(separator: "-")
        return name.isEmpty || name == "batch" ? nil : name
    }

    /// The simulator for the ECS API story: services by label, and `api` wanting one task fewer
    /// than it runs, so protecting both of its tasks is one too many (`DEPLOYMENT_BLOCKED`).
    func ecsConfiguration(_ base: SimulatorConfiguration) -> SimulatorConfiguration {
        var configuration = base
        configuration.defaultService = nil
        configuration.taskServices = Dictionary(uniqueKeysWithValues: seeds.enumerated().compactMap { index, seed in
            Self.service(of: seed).map { (index, $0) }
        })
        configuration.serviceDesiredCounts = ["api": 1]
        return configuration
    }

    /// The story through the ECS API: an API call fails as a whole, so a task whose agent is
    /// throttled or lacks credentials would fail every task of its batch. Those two start healthy
    /// here (the fault menu still injects anything, to show a whole call failing).
    var ecsSeeds: [Seed] {
        seeds.map { seed in
            var seed = seed
            if seed.fault == .throttled || seed.fault == .noCredentials { seed.fault = nil }
            return seed
        }
    }

    /// Applies protection and faults to a started simulator whose tasks match `seeds` by index.
    func apply(to simulator: AgentSimulator, now: Date, seeds chosen: [Seed]? = nil) throws {
        for (index, seed) in (chosen ?? seeds).enumerated() {
            if let duration = seed.protectedFor {
                try simulator.setProtection(forTask: index, enabled: true, expiresAt: now.addingTimeInterval(duration))
            }
            if let fault = seed.fault { try simulator.setFault(fault, forTask: index) }
        }
    }
}
