import AgentSimulator
import Foundation
import ProtectionClient
import Testing
@testable import ProtectionCore

/// Connection-level behaviour: agent down and back, closed keep-alive connections, deadlines and
/// the body cap.
@Suite struct ClientConnectionTests {
    @Test func agentDownIsConnectionRefusedAndAgentBackKeepsProtection() async throws {
        try await withClientAndSimulator { client, simulator in
            let endpoint = try simulator.endpoint(0)
            let protected = await client.send(.put(try .protect(minutes: 30)), to: endpoint)
            let expiration = try #require(protected.expectProtection()?.expirationDate)

            try await simulator.setAgentDown(true)
            let down = await client.send(.get, to: endpoint)
            #expect(down.expectTransport() == .connectionRefused)
            #expect(down.httpStatus == nil)
            // Connection establishment is not retried until the deadline: refusal is reported at once.
            #expect(down.elapsed < clientTestLimits.requestTimeout)
            #expect(down.result.callsForBackoff(httpStatus: nil))

            try await simulator.setAgentDown(false)
            let back = await client.send(.get, to: endpoint)
            #expect(back.httpStatus == 200)
            let protection = try #require(back.expectProtection())
            #expect(protection.enabled)
            #expect(protection.expirationDate == expiration)
        }
    }

    @Test func nothingListeningIsConnectionRefused() async throws {
        // Bind and release a port so that nothing listens on it.
        let server = try await ScriptedServer.start(.closeWithoutAnswer)
        let uri = server.agentURI
        await server.shutdown()
        let client = AgentHTTPClient(configuration: clientTestLimits)
        let response = await client.send(.get, to: try EndpointParser.parse(uri))
        await client.shutdown()
        #expect(response.expectTransport() == .connectionRefused)
    }

    @Test func aHostNameIsResolvedAndAnIPLiteralConnectedToDirectly() async throws {
        // 127.0.0.1 skips the resolver; `localhost` goes through it (and Happy Eyeballs, ::1 first
        // where it resolves so): both reach the same server, and both report a refusal alike.
        let server = try await ScriptedServer.start(.reply(Array(scriptedProtectionReply().utf8)))
        let client = AgentHTTPClient(configuration: clientTestLimits)
        for host in ["127.0.0.1", "localhost"] {
            let response = await client.send(.get, to: try EndpointParser.parse("http://\(host):\(server.port)/api/task"))
            #expect(response.httpStatus == 200, "\(host): \(response.result)")
        }
        await client.shutdown()
        let port = server.port
        await server.shutdown()
        // A fresh client: the first one's kept-alive connections would outlive the listener.
        let fresh = AgentHTTPClient(configuration: clientTestLimits)
        for host in ["127.0.0.1", "localhost"] {
            let response = await fresh.send(.get, to: try EndpointParser.parse("http://\(host):\(port)/api/task"))
            #expect(response.expectTransport() == .connectionRefused, "\(host)")
        }
        await fresh.shutdown()
    }

    @Test func pooledConnectionClosedByTheAgentWhileIdleIsReplacedTransparently() async throws {
        let configuration = clientTestConfiguration(idleTimeout: .milliseconds(300))
        try await withClientAndSimulator(configuration) { client, simulator in
            let endpoint = try simulator.endpoint(0)
            let first = await client.send(.put(try .protect(minutes: 5)), to: endpoint)
            #expect(first.httpStatus == 200)
            // Let the agent drop the idle connection the client's pool (10 s idle timeout) still holds.
            try await Task.sleep(for: .milliseconds(900))
            for _ in 0..<3 {
                let next = await client.send(.get, to: endpoint)
                #expect(next.httpStatus == 200)
                #expect(next.expectProtection()?.enabled == true)
                try await Task.sleep(for: .milliseconds(400))
            }
        }
    }

    @Test func keepAliveConnectionDroppedOnReuseIsRetriedOnceOnAFreshConnection() async throws {
        let server = try await ScriptedServer.start(.closeOnReuse(reply: scriptedProtectionReply(enabled: true)))
        let client = AgentHTTPClient(configuration: clientTestLimits)
        let endpoint = try EndpointParser.parse(server.agentURI)
        let first = await client.send(.get, to: endpoint)
        let second = await client.send(.get, to: endpoint)
        await client.shutdown()
        await server.shutdown()

        #expect(first.expectProtection()?.enabled == true)
        #expect(second.httpStatus == 200, "got \(second.result)")
        #expect(second.expectProtection()?.enabled == true)
        #expect(server.connectionCount == 2)
        #expect(server.requestCount == 3, "first request, the dropped reuse, and one retry")
    }

    @Test func connectionClosedWithoutAnswerIsRetriedOnlyOnce() async throws {
        let server = try await ScriptedServer.start(.closeWithoutAnswer)
        let client = AgentHTTPClient(configuration: clientTestLimits)
        let response = await client.send(.get, to: try EndpointParser.parse(server.agentURI))
        await client.shutdown()
        await server.shutdown()

        #expect(response.expectTransport() == .connectionReset)
        #expect(response.httpStatus == nil)
        #expect(server.requestCount == 2, "one attempt and exactly one retry")
    }

    @Test func retryAfterADroppedConnectionGetsOnlyTheTimeLeft() async throws {
        // The reused connection is dropped 1 s into a 6 s deadline (a retry is allowed in the first
        // half, so a loaded machine has 2 s to spare); the retry then hangs.
        let server = try await ScriptedServer.start(
            .slowCloseOnReuseThenSilence(reply: scriptedProtectionReply(), delay: .seconds(1)))
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 6, idleConnectionTimeout: 10))
        let endpoint = try EndpointParser.parse(server.agentURI)
        let first = await client.send(.get, to: endpoint)
        let second = await client.send(.get, to: endpoint)
        await client.shutdown()
        await server.shutdown()

        #expect(first.httpStatus == 200)
        #expect(second.expectTransport() == .timeout)
        #expect(server.connectionCount == 2, "the dropped connection was retried on a fresh one")
        // A retry with a fresh full deadline would end near 7 s; the shared deadline ends it at 6 s.
        #expect(second.elapsed < 6.7)
    }

    @Test func tricklingBodyEndsAtTheWholeRequestDeadline() async throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
        let server = try await ScriptedServer.start(.trickle(head: head, interval: .milliseconds(100)))
        let client = AgentHTTPClient(configuration: .init(requestTimeout: 0.5, idleConnectionTimeout: 10))
        let response = await client.send(.get, to: try EndpointParser.parse(server.agentURI))
        await client.shutdown()
        await server.shutdown()

        #expect(response.expectTransport() == .timeout)
        // 200 bytes at one per 100 ms would take 20 s; the deadline, not the body, ended it.
        #expect(response.elapsed < 15)
    }

    @Test func endlessInformationalResponsesEndTheRequestAtTheLimit() async throws {
        // An agent that sends `100 Continue` heads and never an answer: the client must stop after
        // a few, with a clear error, instead of parsing them until the deadline (CPU bound all along).
        let server = try await ScriptedServer.start(.endlessInformational(limit: 200_000))
        let client = AgentHTTPClient(configuration: clientTestLimits)
        let response = await client.send(.get, to: try EndpointParser.parse(server.agentURI))
        let accepted = client.informationalResponsesAccepted
        await client.shutdown()
        await server.shutdown()

        guard case .unexpectedResponse(let detail) = response.expectTransport() else { return }
        #expect(detail.contains("informational (1xx) responses"))
        #expect(accepted == AgentHTTPClient.informationalResponseLimit)
        #expect(server.requestCount == 1, "a refused answer is not retried")
    }

    @Test func bodyOverTheCapIsAnUnexpectedResponseNamingTheLimit() async throws {
        let size = 2 << 20
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(size)\r\n\r\n"
        let server = try await ScriptedServer.start(.reply(Array(head.utf8) + [UInt8](repeating: UInt8(ascii: " "), count: size)))
        let client = AgentHTTPClient(configuration: clientTestLimits)
        let response = await client.send(.get, to: try EndpointParser.parse(server.agentURI))
        await client.shutdown()
        await server.shutdown()

        guard case .unexpectedResponse(let detail) = response.expectTransport() else { return }
        #expect(detail.contains("size limit"))
    }
}
