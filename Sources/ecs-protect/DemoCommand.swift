import AgentSimulator
import ArgumentParser
import AWSAccess
import AWSSigning
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

    @Option(name: .long, help: ArgumentHelp("Where the dashboard reads the simulated tasks: agent endpoints, or the simulated ECS API.", valueName: "agent|ecs"))
    var source = DemoSource.agent

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
        let base = SimulatorConfiguration(taskCount: tasks, ecsLatency: .milliseconds(400), controlPort: nil)
        let simulator = AgentSimulator(configuration: source == .ecs ? scenario.ecsConfiguration(base) : base)
        try await simulator.start()
        let status: Int32
        do {
            var options = DashboardSession.Options(
                endpoints: [], monitor: MonitorConfiguration(), readOnly: readOnly,
                demo: DemoControls(simulator: simulator), themes: themes, log: log)
            switch source {
            case .agent:
                try scenario.apply(to: simulator, now: Date())
                for (uri, seed) in zip(simulator.agentURIs, scenario.seeds) {
                    options.endpoints.append(try EndpointParser.parse("\(seed.label)=\(uri)"))
                }
            case .ecs:
                try scenario.apply(to: simulator, now: Date(), seeds: scenario.ecsSeeds)
                options.ecs = try Self.ecsSource(simulator: simulator, polling: options.monitor)
            }
            status = try await DashboardSession.runOnOwnThread(options)
        } catch {
            await BoundedWait.async(seconds: 3) { try? await simulator.shutdown() }
            throw error
        }
        await BoundedWait.async(seconds: 3) { try? await simulator.shutdown() }
        throw ExitCode(status)
    }

    /// A client of the simulator's own ECS API, with its test key.
    private static func ecsSource(simulator: AgentSimulator, polling: MonitorConfiguration) throws -> ECSDashboardSource {
        guard let url = simulator.ecsAPIURL, let key = simulator.configuration.apiCredentials.first else {
            throw ValidationError("the simulated ECS API did not start")
        }
        let transport = try AsyncHTTPTransport()
        let credentials = AWSCredentials(accessKeyID: key.accessKeyID, secretAccessKey: key.secretAccessKey, sessionToken: key.sessionToken)
        let client = ECSClient(
            endpoint: try AWSEndpoint(url), region: simulator.configuration.region,
            credentials: StaticCredentialsProvider(credentials), transport: transport)
        return ECSDashboardSource(
            client: client, transport: transport, selection: ECSTaskSelection(cluster: simulator.clusterName),
            configuration: ECSMonitorConfiguration(polling: polling))
    }
}

/// Where `demo` reads its tasks.
enum DemoSource: String, ExpressibleByArgument, CaseIterable {
    case agent
    case ecs
}
