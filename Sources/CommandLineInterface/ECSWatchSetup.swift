import DashboardRuntime
import AWSAccess
import ConfigFiles
import FoundationEssentials
import ProtectionCore

/// Resolves what the dashboard needs to watch a cluster through the ECS API, or says in one line
/// why it cannot (exit 64): no credentials, a bad profile, an unknown region.
enum ECSWatchSetup {
    static func source(options: some ClusterChoice, polling: MonitorConfiguration) async -> Result<ECSDashboardSource, ECSSetupError> {
        guard let reference = options.references.first else { return .failure(ECSSetupError(message: "--cluster is missing")) }
        return await source(selection: options.selection(of: reference), region: options.region(of: reference),
                            profile: options.profile(of: reference), polling: polling)
    }

    /// The same for a selection from anywhere (the command line or a target set of the config file).
    static func source(selection: ECSTaskSelection, region: String?, profile: String?,
                       polling: MonitorConfiguration) async -> Result<ECSDashboardSource, ECSSetupError> {
        await resolved(selection: selection, region: region, profile: profile, polling: polling).map(\.source)
    }

    /// One source per `--cluster`, named apart (``FleetNaming``), each with its share of the call
    /// budget of its account and region (``CallBudgetPlan``). The first that cannot be reached
    /// fails the whole (naming it), and the ones already made are let go.
    static func fleet(options: some ClusterChoice, polling: MonitorConfiguration,
                      environment: AWSEnvironment = .current()) async -> Result<[ECSDashboardSource], ECSSetupError> {
        var members: [(reference: ClusterReference, profile: String, resolved: Resolved)] = []
        for reference in options.references {
            let profile = options.profile(of: reference)
            switch await resolved(selection: options.selection(of: reference), region: options.region(of: reference),
                                  profile: profile, polling: polling, environment: environment) {
            case .success(let resolved):
                members.append((reference, profile ?? environment["AWS_PROFILE"] ?? "default", resolved))
            case .failure(let error):
                for member in members { await member.resolved.source.transport.shutdown() }
                return .failure(ECSSetupError(message: "--cluster \(reference.text): \(error.message)"))
            }
        }
        let keys = members.map { CallBudgetKey(account: $0.reference.account, profile: $0.profile, region: $0.resolved.region) }
        let plan = CallBudgetPlan(keys: keys, callsPerSecond: polling.maxRequestsPerSecond)
        let budgetNames = CallBudgetKey.shortNames(keys)
        let names = FleetNaming.names(members.map {
            FleetNaming.Member(name: $0.reference.name, region: $0.resolved.region, profile: $0.profile, account: $0.reference.account)
        })
        return .success(members.enumerated().map { index, member in
            var share = polling
            share.maxRequestsPerSecond = plan.share(of: index)
            let source = member.resolved.source
            return ECSDashboardSource(client: source.client, transport: source.transport, selection: source.selection,
                                      configuration: ECSMonitorConfiguration(polling: share), name: names[index],
                                      budget: budgetNames[index])
        })
    }

    private struct Resolved {
        var source: ECSDashboardSource
        var region: String
    }

    private static func resolved(selection: ECSTaskSelection, region: String?, profile: String?, polling: MonitorConfiguration,
                                 environment: AWSEnvironment = .current()) async -> Result<Resolved, ECSSetupError> {
        let transport: PooledHTTPTransport
        do {
            transport = try PooledHTTPTransport(environment: environment)
        } catch {
            return .failure(ECSSetupError(message: error.message))
        }
        do {
            let access = try await ECSAccess.resolve(
                environment: environment, profile: profile, region: region, transport: transport)
            try await access.checkCredentials()
            return .success(Resolved(source: ECSDashboardSource(
                client: access.client, transport: transport, selection: selection,
                configuration: ECSMonitorConfiguration(polling: polling)), region: access.region))
        } catch {
            await transport.shutdown()
            return .failure(ECSSetupError(message: error.message))
        }
    }
}

/// Clusters to watch and how to reach each: `--cluster` and its options, or a target set's keys.
protocol ClusterChoice {
    var references: [ClusterReference] { get }
    func selection(of reference: ClusterReference) -> ECSTaskSelection
    func region(of reference: ClusterReference) -> String?
    func profile(of reference: ClusterReference) -> String?
}

extension ECSSelectionOptions: ClusterChoice {}
extension ConfiguredECSSelection: ClusterChoice {}

/// Why the ECS API cannot be used, in one line.
struct ECSSetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
