import FoundationEssentials
import ProtectionCore

/// A service's state as the ECS API last described it (counts and deployments), written as a
/// `service.state` record when it changes, so a replay's services view shows it as live did.
/// Its events are recorded one by one (`service.event`) and joined back by the replay.
public enum ServiceStateFields {
    /// The fields of `service` without its events: `service`, `desired`, `running`, `pending`, and
    /// `deployments`, a JSON array of `{id, status, taskDefinition, desired, running, pending,
    /// rolloutState, rolloutStateReason}`.
    public static func of(_ service: ServiceStatus) -> [String: String] {
        let deployments = service.deployments.map { deployment in
            DeploymentFields(id: deployment.id, status: deployment.status, taskDefinition: deployment.taskDefinition,
                             desired: deployment.desired, running: deployment.running, pending: deployment.pending,
                             rolloutState: deployment.rolloutState, rolloutStateReason: deployment.rolloutStateReason)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(deployments)).map { String(decoding: $0, as: UTF8.self) }
        return ["service": service.name, "desired": String(service.desired), "running": String(service.running),
                "pending": String(service.pending), "deployments": json ?? "[]"]
    }

    /// The service `fields` describe (without events), when they are sane: the file is hostile,
    /// so counts must be numbers, names and texts are cut to ``maximumLength`` and at most
    /// ``maximumDeployments`` deployments are believed.
    public static func service(_ fields: [String: String]) -> ServiceStatus? {
        guard let name = fields["service"], !name.isEmpty, name.count <= maximumLength,
              let desired = count(fields["desired"]), let running = count(fields["running"]), let pending = count(fields["pending"]) else { return nil }
        var deployments: [ServiceStatus.Deployment] = []
        if let text = fields["deployments"], text.utf8.count <= 100_000, let elements = JSONValue.parseWhole(Array(text.utf8))?.elements {
            // Every element must be an object, or none is believed (as a cast to an array of objects had it).
            let array = elements.compactMap(\.members)
            for object in array.count == elements.count ? array.prefix(maximumDeployments) : [] {
                func text(_ key: String) -> String? { object[key]?.string.map { String($0.prefix(maximumLength)) } }
                func number(_ key: String) -> Int? { object[key]?.recordNumberText.flatMap { count($0) } }
                guard let id = text("id"), let status = text("status"), let definition = text("taskDefinition"),
                      let desired = number("desired"), let running = number("running"), let pending = number("pending") else { continue }
                deployments.append(ServiceStatus.Deployment(id: id, status: status, taskDefinition: definition, desired: desired,
                                                            running: running, pending: pending, rolloutState: text("rolloutState"),
                                                            rolloutStateReason: text("rolloutStateReason")))
            }
        }
        return ServiceStatus(name: name, desired: desired, running: running, pending: pending, deployments: deployments, events: [])
    }

    /// A count from the file: a whole number from 0 to a million.
    private static func count(_ text: String?) -> Int? {
        text.flatMap { Int($0) }.flatMap { (0...1_000_000).contains($0) ? $0 : nil }
    }

    /// A deployment as the `deployments` field writes it (keys sorted; absent rollout fields left out).
    private struct DeploymentFields: Encodable {
        var id: String
        var status: String
        var taskDefinition: String
        var desired: Int
        var running: Int
        var pending: Int
        var rolloutState: String?
        var rolloutStateReason: String?
    }

    static let maximumLength = 1000
    static let maximumDeployments = 20
}
