import AgentSimulator
import ArgumentParser
import Foundation
import ProtectionCore

/// `ecs-protect demo`: the dashboard on an in-process simulator, seeded for a game-day audience.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on the built-in agent simulator (no AWS account needed).",
        discussion: "Keys f (fault menu for the selected task) and D (take the whole agent down and back) inject simulator faults."
    )

    @Option(name: .long, help: "Number of simulated tasks (1-200); the first eight tell the story.")
    var tasks = 8

    @Flag(name: .customLong("read-only"), help: "Never send a PUT: protect, extend and unprotect keys are off.")
    var readOnly = false

    @OptionGroup var appearance: AppearanceOptions

    @OptionGroup var logging: LogFileOptions

    func validate() throws {
        guard (1...200).contains(tasks) else { throw ValidationError("--tasks must be between 1 and 200, got \(tasks)") }
    }

    func run() async throws {
        let themes = try appearance.themeCycle()
        let log = try logging.bootstrap(label: "ecs-protect.demo")
        try TerminalRequirement.check()
        let scenario = DemoScenario(taskCount: tasks)
        // ECS answers a little slowly so the audience sees PENDING before the confirmed state.
        let simulator = AgentSimulator(configuration: SimulatorConfiguration(
            taskCount: tasks, ecsLatency: .milliseconds(400), controlPort: nil))
        try await simulator.start()
        let status: Int32
        do {
            try scenario.apply(to: simulator, now: Date())
            var endpoints: [Endpoint] = []
            for (uri, seed) in zip(simulator.agentURIs, scenario.seeds) {
                endpoints.append(try EndpointParser.parse("\(seed.label)=\(uri)"))
            }
            status = try await DashboardSession.runOnOwnThread(.init(
                endpoints: endpoints, monitor: MonitorConfiguration(), readOnly: readOnly,
                demo: DemoControls(simulator: simulator), themes: themes, log: log))
        } catch {
            await BoundedWait.async(seconds: 3) { try? await simulator.shutdown() }
            throw error
        }
        await BoundedWait.async(seconds: 3) { try? await simulator.shutdown() }
        throw ExitCode(status)
    }
}
