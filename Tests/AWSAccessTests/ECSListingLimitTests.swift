import AWSAccess
import Foundation
import ProtectionCore
import Synchronization
import Testing

/// Finding 3: an endpoint sending 80,000 ARNs per ListTasks page with a fresh nextToken each time
/// drove `get --cluster` to 6 GB. A page over the API's 100 is now an error, and discovery stops
/// at 100,000 tasks with a message.
@Suite struct ECSListingLimitTests {
    /// A ListTasks endpoint: `perPage` ARNs a page, a new token every time, without end.
    static func endlessListing(perPage: Int) async throws -> LoopbackServer {
        let page = Mutex(0)
        return try await LoopbackServer { _ in
            let number = page.withLock { value -> Int in
                value += 1
                return value
            }
            let arns = (0..<perPage).map { index in
                "\"arn:aws:ecs:us-west-2:123456789012:task/c/\(String(format: "%08x%024x", number, index))\""
            }
            let body = #"{"taskArns":[\#(arns.joined(separator: ","))],"nextToken":"t\#(number)"}"#
            return .init(status: 200, body: body, headers: [("Content-Type", "application/x-amz-json-1.1")])
        }
    }

    static func discover(_ server: LoopbackServer) async throws -> Result<ECSTaskDiscovery.Outcome, ECSTaskDiscovery.Failure> {
        let transport = try PooledHTTPTransport()
        let client = ECSClient(
            endpoint: try AWSEndpoint(server.url), region: "us-west-2", credentials: StaticCredentialsProvider(simulatorCredentials),
            transport: transport, retryPolicy: fastRetries, requestTimeout: 20)
        let result = await ECSTaskDiscovery(client: client, selection: ECSTaskSelection(cluster: "c")).discover()
        await transport.shutdown()
        return result
    }

    @Test func aPageOfMoreThanOneHundredARNsIsAnError() async throws {
        let server = try await Self.endlessListing(perPage: 80_000)
        defer { Task { await server.close() } }
        let result = try await Self.discover(server)
        guard case .failure(let failure) = result else {
            Issue.record("accepted a page of 80,000 ARNs")
            return
        }
        #expect(failure.agentError.message.contains("80000 task ARNs on one page; the API sends at most 100"), "\(failure.agentError)")
        #expect(server.requests.count == 1, "stopped at the first such page")
    }

    @Test func discoveryStopsAtOneHundredThousandTasksWithAMessage() async throws {
        let server = try await Self.endlessListing(perPage: 100)
        defer { Task { await server.close() } }
        let result = try await Self.discover(server)
        guard case .failure(let failure) = result else {
            Issue.record("an endless listing was accepted")
            return
        }
        #expect(failure.agentError.code == "TooManyTasks")
        #expect(failure.agentError.message.contains("more than 100000 tasks match"), "\(failure.agentError)")
        #expect(failure.hint == nil || failure.hint?.isEmpty == false)
        #expect(server.requests.count == 1001, "1,000 pages of 100, and the one that went past")
    }
}
