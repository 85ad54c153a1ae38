import Foundation
import ProtectionCore

/// Sends one request to every target at once and prints the results in the order given.
enum OneShotRunner {
    static func run(_ request: ProtectionRequest, endpoints: [Endpoint], json: Bool, timeout: Double) async -> Int32 {
        let client = AgentHTTPClient(configuration: .init(requestTimeout: timeout))
        let responses = await withTaskGroup(of: (Int, ProtectionResponse).self) { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask { (index, await client.send(request, to: endpoint)) }
            }
            var collected = [ProtectionResponse?](repeating: nil, count: endpoints.count)
            for await (index, response) in group { collected[index] = response }
            return collected
        }
        await client.shutdown()
        let reports = zip(endpoints, responses).compactMap { endpoint, response in
            response.map { TargetReport(endpoint: endpoint, response: $0) }
        }
        if json {
            print(JSONValue.array(reports.map(\.json)).serialized(indent: 2))
        } else {
            print(ReportTable.render(reports), terminator: "")
        }
        return ExitStatus.forOutcomes(reports.map(\.outcome))
    }
}
