import OneShotCommands
import AgentSimulator
import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import GameDay

/// `ecs-protect simulate`: serves the built-in agent simulator until SIGINT or SIGTERM.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a simulated ECS agent task-protection endpoint on loopback.",
        discussion: """
        Prints each task's ECS_AGENT_URI on its own line on standard output (and the control URL and \
        the `export AWS_ENDPOINT_URL_ECS=... AWS_ACCESS_KEY_ID=... ECS_PROTECT_CONTROL_TOKEN=... ...` \
        lines of the simulated ECS API and the control route on standard error, with the drill id as \
        ECS_PROTECT_DRILL_ID for dashboards recording the same drill), then serves until SIGINT or \
        SIGTERM. Fault kinds: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")).

        Safe by default: it listens on 127.0.0.1 only; the control route takes a bearer token and \
        the ECS API a key pair, both made at random for each run and printed in the export lines. \
        With --host another address, a warning on standard error says what is exposed: the agent \
        endpoints need no secret (as the real agent's), so anyone who reaches them can read and \
        change the simulated protection.
        """
    )

    @Option(name: .long, help: "Number of simulated tasks (1-1000).")
    var tasks = 3

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1: loopback only; another address is warned about).")
    var host: String?

    /// Where the listeners bind: `--host`, else loopback.
    var listenHost: String { host ?? "127.0.0.1" }

    /// The warning for a `--host` that is not a loopback address, or nil.
    var hostWarning: String? {
        guard let host, !Self.isLoopback(host) else { return nil }
        return "ecs-protect simulate: warning: --host \(host) serves the simulated agent, its control route and its ECS API "
            + "beyond this machine: anyone who can reach the agent port can read and change the simulated protection "
            + "(the agent endpoint takes no secret, as the real one); the control route and the ECS API need this run's "
            + "token and key (printed below)"
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    @Option(name: .long, help: "Port for the agent endpoint; 0 picks a free one.")
    var port = 0

    @Option(name: .customLong("control-port"), help: "Port for the control route; 0 picks a free one.")
    var controlPort = 0

    @Option(name: .customLong("api-port"), help: "Port for the simulated ECS API; 0 picks a free one.")
    var apiPort = 0

    @Option(name: .long, help: ArgumentHelp("Inject a fault at start, by task index (0-based) or endpoint id. Repeatable.",
                                            valueName: "task=kind"))
    var fault: [String] = []

    @Option(name: .customLong("ecs-timeout"), help: "Seconds the simulated agent waits on ECS before its 504 (the agent's default: 4).")
    var ecsTimeout: Double = 4

    @Option(name: .long, help: ArgumentHelp("Play a scenario, bundled by name (`ecs-protect scenarios`) or a file: its tasks replace --tasks and --fault.", valueName: "name|file"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Append the scenario's events to this file as JSON Lines.", valueName: "file"))
    var events: String?

    @Option(name: .long, help: ArgumentHelp("The drill the events belong to (default: $ECS_PROTECT_DRILL_ID, else a new drill); printed as ECS_PROTECT_DRILL_ID.", valueName: "id"))
    var drill: String?

    @Option(name: .long, help: "Play the scenario this many times faster than real time (1-1000).")
    var speed: Double = 1

    @Flag(name: .customLong("exit-at-end"), help: "Stop serving once the scenario's last step has run.")
    var exitAtEnd = false

    func validate() throws {
        guard (1...1000).contains(tasks) else { throw ValidationError("--tasks must be between 1 and 1000, got \(tasks)") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard (0...65535).contains(controlPort) else { throw ValidationError("--control-port must be between 0 and 65535, got \(controlPort)") }
        guard (0...65535).contains(apiPort) else { throw ValidationError("--api-port must be between 0 and 65535, got \(apiPort)") }
        guard ecsTimeout > 0, ecsTimeout <= 60 else { throw ValidationError("--ecs-timeout must be between 0 and 60 seconds") }
        guard (1...Self.regionNames.count).contains(regions) else {
            throw ValidationError("--regions must be between 1 and \(Self.regionNames.count), got \(regions)")
        }
        if regions > 1, scenario != nil { throw ValidationError("--regions does not go with --scenario") }
        guard (1...86_400).contains(roleCredentialsTTL) else { throw ValidationError("--role-credentials-ttl must be between 1 and 86400 seconds") }
        _ = try initialFaults()
        try DrillEvents.validate(drill)
        let names = serviceNames
        guard !names.isEmpty, names.allSatisfy({ name in
            (1...255).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }) else {
            throw ValidationError("--services must be names of letters, digits, - and _, separated by commas, got '\(services)'")
        }
        guard speed >= 1, speed <= 1000 else { throw ValidationError("--speed must be between 1 and 1000, got \(speed)") }
        if scenario == nil {
            guard events == nil, !exitAtEnd, speed == 1 else {
                throw ValidationError("--events, --speed and --exit-at-end go with --scenario")
            }
        } else if !fault.isEmpty {
            throw ValidationError("--fault does not go with --scenario: the scenario's tasks say which faults they start with")
        }
    }

    private func initialFaults() throws -> [Int: FaultKind] {
        var faults: [Int: FaultKind] = [:]
        for argument in fault {
            do {
                let assignment = try FaultAssignment(argument: argument)
                faults[try assignment.resolveIndex(taskCount: tasks)] = assignment.kind
            } catch {
                throw ValidationError(error.description)
            }
        }
        return faults
    }

    @Option(name: .long, help: ArgumentHelp("Regions the ECS API port serves (1-4): us-west-2, then us-east-1, eu-west-1, ap-southeast-2, each its own cluster of --tasks tasks; the request's signing region picks one.", valueName: "count"))
    var regions = 1

    /// The regions served, the first with the agent endpoints.
    static let regionNames = ["us-west-2", "us-east-1", "eu-west-1", "ap-southeast-2"]

    @Option(name: .long, help: ArgumentHelp("Services the tasks belong to, assigned in turn (task 0 to the first, and so on).", valueName: "name,name,..."))
    var services = "web,api,worker"

    @Option(name: .customLong("deny-action"), help: ArgumentHelp("Refuse this ECS action with AccessDeniedException, as a policy without it would. Repeatable.", valueName: "action"))
    var deniedActions: [String] = []

    @Option(name: .customLong("sso-token"), help: ArgumentHelp("An IAM Identity Center access token the simulated portal accepts. Repeatable.", valueName: "token"))
    var ssoTokens: [String] = []

    @Option(name: .customLong("sso-refresh-token"), help: ArgumentHelp("A refresh token the simulated SSO OIDC CreateToken accepts. Repeatable.", valueName: "token"))
    var ssoRefreshTokens: [String] = []

    @Option(name: .customLong("role-credentials-ttl"), help: ArgumentHelp("Seconds the role credentials of the simulated portal and STS last (default 3600).", valueName: "seconds"))
    var roleCredentialsTTL: Int = 3600

    private var serviceNames: [String] {
        services.split(separator: ",").map { String($0) }
    }

    func run() async throws {
        let identity: DrillIdentity
        do {
            identity = try DrillEvents.identity(flag: drill)
        } catch {
            StandardError.write("ecs-protect simulate: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        if let scenario {
            throw ExitCode(await runScenario(path: scenario, identity: identity))
        }
        if let hostWarning { StandardError.write(hostWarning) }
        var configuration = SimulatorConfiguration(
            host: listenHost, port: port, taskCount: tasks,
            ecsCallTimeout: .milliseconds(Int64(ecsTimeout * 1000)),
            initialFaults: try initialFaults(), controlPort: controlPort)
        configuration.ecsAPIPort = apiPort
        configuration.deniedActions = Set(deniedActions)
        configuration.ssoAccessTokens = Set(ssoTokens)
        configuration.ssoRefreshTokens = Set(ssoRefreshTokens)
        configuration.identityCredentialLifetime = TimeInterval(max(1, roleCredentialsTTL))
        let names = serviceNames
        configuration.taskServices = Dictionary(uniqueKeysWithValues: (0..<tasks).map { ($0, names[$0 % names.count]) })
        let simulator = AgentSimulator(configuration: configuration)
        do {
            for region in Self.regionNames[1..<regions] {
                var regional = configuration
                regional.region = region
                // The ECS API only: the agent endpoints and the control route are the first region's.
                regional.controlPort = nil
                regional.ecsAPIPort = nil
                try simulator.serveRegion(of: AgentSimulator(configuration: regional))
            }
            try await simulator.start()
        } catch {
            StandardError.write("ecs-protect simulate: \(error)")
            throw ExitCode(ExitStatus.unreachable)
        }
        do {
            try StandardOutput.write(simulator.agentURIs.map { $0 + "\n" }.joined())
        } catch {
            try? await simulator.shutdown()
            throw error
        }
        if let control = simulator.controlURL {
            StandardError.write("control: \(control)")
        }
        StandardError.write(Self.exportLines(simulator, drill: identity.drill))
        if regions > 1 {
            let clusters = ([simulator.configuration.region] + simulator.regionSimulators.keys.sorted()).map { "--cluster \($0)/\(simulator.clusterName)" }
            StandardError.write("regions: \(regions) on one ECS API port (try: ecs-protect watch \(clusters.joined(separator: " ")))")
        }
        let servicesLine = Array(Set(serviceNames.prefix(tasks))).sorted().joined(separator: " ")
        StandardError.write("services: \(servicesLine) (try: ecs-protect watch --cluster \(simulator.clusterName) --service \(serviceNames[0]))")
        fflush(nil)  // flushes every stream; `stdout` itself is a mutable C global Swift 6 refuses
        let signal = await TerminationSignalWaiter.wait(for: [SIGINT, SIGTERM])
        try? await simulator.shutdown()
        StandardError.write("stopped on signal \(signal)")
    }

    /// The environment the AWS CLI, boto3 and ecs-protect need to reach the simulated ECS API, the
    /// control route's URL and bearer token, and the drill id that makes a dashboard's `--events`
    /// part of the same drill, as lines a shell can `eval`. The key and the token are this run's
    /// own random ones, not AWS secrets.
    static func exportLines(_ simulator: AgentSimulator, drill: String) -> String {
        var control: [(String, String)] = []
        if let url = simulator.controlURL { control.append(("ECS_PROTECT_CONTROL_URL", url)) }
        if simulator.controlURL != nil, let token = simulator.configuration.controlToken {
            control.append(("ECS_PROTECT_CONTROL_TOKEN", token))
        }
        guard let api = simulator.ecsAPIURL, let key = simulator.configuration.apiCredentials.first else {
            return ([(DrillIdentity.environmentVariable, drill)] + control).map { "export \($0.0)='\($0.1)'\n" }.joined()
        }
        let pairs = [
            ("AWS_ENDPOINT_URL_ECS", api), ("AWS_ACCESS_KEY_ID", key.accessKeyID),
            ("AWS_SECRET_ACCESS_KEY", key.secretAccessKey), ("AWS_REGION", simulator.configuration.region),
            // botocore (boto3, AWS CLI v1) reads only AWS_DEFAULT_REGION.
            ("AWS_DEFAULT_REGION", simulator.configuration.region),
            (DrillIdentity.environmentVariable, drill),
            ("ECS_CLUSTER", simulator.clusterName),
        ] + clustersLine(simulator) + (key.sessionToken.map { [("AWS_SESSION_TOKEN", $0)] } ?? []) + control
        return pairs.map { "export \($0.0)='\($0.1)'\n" }.joined()
    }

    /// `ECS_CLUSTERS='us-west-2/demo us-east-1/demo'` when the port serves several regions: each
    /// region's cluster as `--cluster` takes it.
    private static func clustersLine(_ simulator: AgentSimulator) -> [(String, String)] {
        let others = simulator.regionSimulators.keys.sorted()
        guard !others.isEmpty else { return [] }
        let clusters = ([simulator.configuration.region] + others).map { "\($0)/\(simulator.clusterName)" }
        return [("ECS_CLUSTERS", clusters.joined(separator: " "))]
    }
}
