import FoundationEssentials
import GameDay
import ProtectionClient
import ProtectionCore
import SafeText

/// Sends one request to every target at once and prints the results in the order given.
public enum OneShotRunner {
    /// Returns the exit status; throws (after saying so on stderr) when the results cannot be written.
    public static func run(_ request: ProtectionRequest, endpoints: [Endpoint], json: Bool, timeout: Double,
                    events: (any TimelineSink)? = nil) async throws -> Int32 {
        // One connection per target in flight, so a target whose agent hangs never holds up
        // another on the same host:port; beyond the ceiling, a new request starts as one finishes.
        let inFlight = AgentHTTPClient.Configuration.connectionLimit(forTargets: endpoints.count)
        let client = AgentHTTPClient(configuration: .init(requestTimeout: timeout, maximumConnectionsPerHost: inFlight))
        let responses = await withTaskGroup(of: (Int, ProtectionResponse).self) { group in
            var pending = endpoints.enumerated().makeIterator()
            func startNext() -> Bool {
                guard let (index, endpoint) = pending.next() else { return false }
                group.addTask { (index, await client.send(request, to: endpoint)) }
                return true
            }
            for _ in 0..<inFlight where !startNext() { break }
            var collected = [ProtectionResponse?](repeating: nil, count: endpoints.count)
            for await (index, response) in group {
                collected[index] = response
                _ = startNext()
            }
            return collected
        }
        await client.shutdown()
        let reports = zip(endpoints, responses).compactMap { endpoint, response in
            response.map { TargetReport(origin: .agent(endpoint), request: request, response: $0) }
        }
        return try print(reports, json: json, events: events)
    }

    /// Records the reports into `events` (when given), prints them as JSON or as the table and
    /// returns the exit status they call for; throws (after saying so on stderr) when they cannot be written.
    public static func print(_ reports: [TargetReport], json: Bool, events: (any TimelineSink)? = nil) throws -> Int32 {
        if let events { OneShotRecording.record(reports, into: events) }
        if json {
            try StandardOutput.write(JSONOutput.array(reports.map(\.json)).serialized(indent: 2) + "\n")
        } else {
            try StandardOutput.write(ReportTable.render(reports))
        }
        for report in reports {
            guard let shortfall = report.shortfall, case .put(let change) = report.request else { continue }
            let target = TerminalSafeText.excerpt(report.targetName, limit: 120)
            StandardError.write("ecs-protect: \(target): answered, but \(change.enabled ? "not protected" : "still protected"): \(shortfall)")
        }
        return ExitStatus.forOutcomes(reports.map(\.outcome))
    }
}
