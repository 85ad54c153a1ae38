import AWSAccess
import FoundationEssentials
import GameDay
import ProtectionCore
import SafeText

/// `get`/`protect`/`unprotect --cluster …`: finds the selected tasks, then reads or changes their
/// protection in batches (100 per read, 10 per update) and prints one result per task.
public enum ECSOneShotRunner {
    /// Returns the exit status; throws (after saying so on stderr) when the results cannot be written.
    public static func run(_ request: ProtectionRequest, selection: ECSTaskSelection, region: String?, profile: String?,
                    json: Bool, timeout: Double, events: (any TimelineSink)? = nil) async throws -> Int32 {
        let environment = AWSEnvironment.current()
        let transport: PooledHTTPTransport
        do {
            transport = try PooledHTTPTransport(environment: environment)
        } catch {
            return fail(error.message, status: ExitStatus.usage)
        }
        let status: Result<Int32, any Error>
        do {
            status = .success(try await run(request, selection: selection, region: region, profile: profile,
                                             environment: environment, transport: transport, json: json, timeout: timeout,
                                             events: events))
        } catch {
            status = .failure(error)
        }
        await transport.shutdown()
        return try status.get()
    }

    private static func run(
        _ request: ProtectionRequest, selection: ECSTaskSelection, region: String?, profile: String?,
        environment: AWSEnvironment, transport: PooledHTTPTransport, json: Bool, timeout: Double, events: (any TimelineSink)?
    ) async throws -> Int32 {
        let access: ECSAccess
        do {
            access = try await ECSAccess.resolve(
                environment: environment, profile: profile, region: region, transport: transport,
                requestTimeout: timeout)
            try await access.checkCredentials()
        } catch {
            return fail(error.message, status: ExitStatus.usage)
        }

        let discovery = ECSTaskDiscovery(client: access.client, selection: selection)
        let found: ECSTaskDiscovery.Outcome
        switch await discovery.discover() {
        case .failure(let failure):
            let hint = failure.oneShotHint.map { " (\($0))" } ?? ""
            let status = if case .transport = failure.error { ExitStatus.unreachable } else { ExitStatus.answeredWithProblem }
            return fail("\(failure.agentError.code): \(failure.agentError.message)\(hint)", status: status)
        case .success(let outcome):
            found = outcome
        }
        if let problem = found.labelProblem {
            warn("labels by task id only: \(problem.agentError.code): \(problem.agentError.message)"
                 + (problem.oneShotHint.map { " (\($0))" } ?? ""))
        }
        if found.tasks.isEmpty {
            warn("no running task matches in cluster \(selection.cluster)")
        }

        let names = found.tasks.map(\.name)
        let outcomes: [ECSClient.TaskOutcome] = switch request {
        case .get:
            await access.client.getTaskProtection(cluster: selection.cluster, tasks: names)
        case .put(let change):
            await access.client.updateTaskProtection(
                cluster: selection.cluster, tasks: names, enabled: change.enabled, expiresInMinutes: change.expiresInMinutes)
        }
        var byName: [String: ProtectionResponse] = [:]
        for outcome in outcomes { byName[outcome.task] = outcome.response }
        let reports = found.tasks.compactMap { task in
            byName[task.name].map {
                TargetReport(origin: .ecs(cluster: selection.cluster, task: task.name, label: task.label), request: request, response: $0)
            }
        }
        return try OneShotRunner.print(reports, json: json, events: events)
    }

    private static func fail(_ message: String, status: Int32) -> Int32 {
        warn(message)
        return status
    }

    /// One line on standard error through the output boundary: AWS settings and service messages
    /// in it (profile names, paths, helper output) reach the terminal inert, C1 and bidi included.
    private static func warn(_ message: String) {
        StandardError.write("ecs-protect: \(message.replacingEvery("\n", with: "\\n"))")
    }
}
