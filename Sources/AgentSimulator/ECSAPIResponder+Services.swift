import FoundationEssentials
import NIOHTTP1

/// `ListServices` and `DescribeServices`: the simulated cluster's services, their deployments and
/// their events, from the service scheduler and the task store.
extension ECSAPIResponder {
    /// Most services one `DescribeServices` call takes.
    static let describeServicesLimit = 10

    func serviceArn(_ name: String) -> String {
        "arn:aws:ecs:\(configuration.region):\(configuration.account):service/\(configuration.cluster)/\(name)"
    }

    // MARK: ListServices

    func listServices(_ call: Call) -> ScheduledReply {
        guard let cluster = call.string("cluster"), let token = call.string("nextToken"),
              let launchType = call.string("launchType"), let strategy = call.string("schedulingStrategy") else {
            return serializationError(call)
        }
        guard isOurCluster(cluster) else { return clusterNotFound(call) }
        // ECS's default page of services is 10.
        let maxResults: Int
        switch pageSize(call, default: 10) {
        case .success(let size): maxResults = size
        case .failure(let refusal): return refusal.reply
        }
        let nowMillis = TaskStore.milliseconds(clock.now())
        var names = scheduler.snapshot(records: store.all, nowMillis: nowMillis).map(\.name)
        if launchType.map({ $0 != "FARGATE" }) ?? false || strategy.map({ $0 != "REPLICA" }) ?? false { names = [] }
        return page(names.map(serviceArn), as: "serviceArns", size: maxResults, token: token, call)
    }

    // MARK: DescribeServices

    func describeServices(_ call: Call) -> ScheduledReply {
        guard let cluster = call.string("cluster") else { return serializationError(call) }
        guard let raw = call.given("services") else { return invalid("Services cannot be empty.", call) }
        guard let requested = Call.strings(raw) else { return serializationError(call) }
        guard !requested.isEmpty else { return invalid("Services cannot be empty.", call) }
        guard requested.count <= Self.describeServicesLimit else {
            return invalid("Services cannot have more than \(Self.describeServicesLimit) elements", call)
        }
        guard isOurCluster(cluster) else { return clusterNotFound(call) }
        let nowMillis = TaskStore.milliseconds(clock.now())
        let records = store.all
        let services = Dictionary(
            scheduler.snapshot(records: records, nowMillis: nowMillis).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [String] = []
        var failures: [String] = []
        for name in requested {
            let short = name.hasPrefix("arn:") ? (name.split(separator: "/").last.map(String.init) ?? name) : name
            guard let service = services[short], !name.hasPrefix("arn:") || name == serviceArn(short) else {
                failures.append(failureJSON(arn: name.hasPrefix("arn:") ? name : serviceArn(name), reason: "MISSING", detail: nil))
                continue
            }
            found.append(serviceJSON(service, records: records.filter { $0.service == short }, nowMillis: nowMillis))
        }
        let body = JSONText.object([
            ("failures", "[" + failures.joined(separator: ",") + "]"),
            ("services", "[" + found.joined(separator: ",") + "]"),
        ])
        return .after(configuration.ecsLatency, jsonReply(body, call.requestID))
    }

    private func serviceJSON(_ service: ServiceScheduler.Service, records: [TaskRecord], nowMillis: Int64) -> String {
        let running = records.filter { !$0.stopped }
        let desired = desiredCounts[service.name] ?? running.count
        let deployments = service.deployments.enumerated().map { position, deployment in
            let own = running.filter { $0.revision == deployment.revision }.count
            return JSONText.object([
                ("createdAt", Self.epochSeconds(deployment.createdAtMillis)),
                ("desiredCount", String(position == 0 ? desired : 0)),
                ("failedTasks", "0"),
                ("id", JSONText.string(deployment.id)),
                ("launchType", JSONText.string("FARGATE")),
                ("pendingCount", "0"),
                ("rolloutState", JSONText.string(deployment.rolloutState)),
                ("rolloutStateReason", JSONText.string(deployment.rolloutStateReason)),
                ("runningCount", String(own)),
                ("status", JSONText.string(position == 0 ? "PRIMARY" : "ACTIVE")),
                ("taskDefinition", JSONText.string(taskDefinitionArn(family: service.name, revision: deployment.revision))),
                ("updatedAt", Self.epochSeconds(deployment.updatedAtMillis)),
            ])
        }
        let events = service.events.map { event in
            JSONText.object([
                ("createdAt", Self.epochSeconds(event.createdAtMillis)), ("id", JSONText.string(event.id)),
                ("message", JSONText.string(event.message)),
            ])
        }
        return JSONText.object([
            ("clusterArn", JSONText.string(clusterArn)),
            ("createdAt", Self.epochSeconds(service.createdAtMillis)),
            ("deploymentController", JSONText.object([("type", JSONText.string("ECS"))])),
            ("deployments", "[" + deployments.joined(separator: ",") + "]"),
            ("desiredCount", String(desired)),
            ("events", "[" + events.joined(separator: ",") + "]"),
            ("launchType", JSONText.string("FARGATE")),
            ("pendingCount", "0"),
            ("runningCount", String(running.count)),
            ("schedulingStrategy", JSONText.string("REPLICA")),
            ("serviceArn", JSONText.string(serviceArn(service.name))),
            ("serviceName", JSONText.string(service.name)),
            ("status", JSONText.string("ACTIVE")),
            ("taskDefinition", JSONText.string(taskDefinitionArn(family: service.name, revision: service.primary.revision))),
        ])
    }
}
