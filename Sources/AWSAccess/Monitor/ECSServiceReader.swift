import ProtectionCore

/// Reads the services of an ``ECSTaskSelection`` for the services view: `ListServices` (every
/// page, 100 each) for a whole cluster, then `DescribeServices` 10 at a time; only the named ones
/// with `--service`; none for a selection of single tasks.
struct ECSServiceReader: Sendable {
    let client: ECSClient
    let selection: ECSTaskSelection
    /// Awaited before every call, so service reads spend the same budget as polling.
    let pace: @Sendable () async -> Void

    /// Whether the selection has services to read.
    var reads: Bool { selection.lists }

    /// The services, or the call that failed (its IAM action is in the hint).
    func read() async -> Result<[ServiceStatus], ECSTaskDiscovery.Failure> {
        var names = selection.services
        if names.isEmpty {
            switch await client.listServices(cluster: selection.cluster, pace: pace) {
            case .failure(let error): return .failure(ECSTaskDiscovery.Failure(operation: "ListServices", error: error))
            case .success(let arns): names = arns
            }
        }
        guard !names.isEmpty else { return .success([]) }
        switch await client.describeServices(cluster: selection.cluster, services: names, pace: pace) {
        case .failure(let error): return .failure(ECSTaskDiscovery.Failure(operation: "DescribeServices", error: error))
        case .success(let services): return .success(services.sorted { $0.name < $1.name })
        }
    }
}
