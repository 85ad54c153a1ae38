import AgentSimulator
import Foundation
import ProtectionClient
import Testing
@testable import ProtectionCore

/// GET and PUT through ``AgentHTTPClient`` against the in-process agent simulator on loopback.
@Suite struct ClientRoundTripTests {
    @Test func protectAndUnprotectRoundTrip() async throws {
        try await withClientAndSimulator { client, simulator in
            let endpoint = try simulator.endpoint(0)
            let taskArn = simulator.tasks[0].taskArn

            let initial = await client.send(.get, to: endpoint)
            #expect(initial.httpStatus == 200)
            #expect(initial.expectProtection() == TaskProtection(enabled: false, expirationDate: nil, taskArn: taskArn))
            #expect(initial.secondsRemainingAtReceipt == nil)

            let protected = await client.send(.put(try .protect()), to: endpoint)
            let protection = try #require(protected.expectProtection())
            #expect(protection.enabled)
            #expect(protection.taskArn == taskArn)
            let expiration = try #require(protection.expirationDate)
            // The agent's default is 120 minutes from when it handled the request.
            #expect(abs(expiration.timeIntervalSince(protected.receivedAt) - 7200) < 30)
            #expect(protection.expirationDateText?.hasSuffix("Z") == true)
            let remaining = try #require(protected.secondsRemainingAtReceipt)
            #expect(remaining > 7200 - 30 && remaining <= 7200 + 2)

            let read = await client.send(.get, to: endpoint)
            #expect(read.expectProtection()?.expirationDate == expiration)

            let unprotected = await client.send(.put(.unprotect), to: endpoint)
            #expect(unprotected.httpStatus == 200)
            #expect(unprotected.expectProtection() == TaskProtection(enabled: false, expirationDate: nil, taskArn: taskArn))
            #expect(simulator.tasks[0].protectionEnabled == false)
        }
    }

    @Test(arguments: [1, 2880])
    func protectForMinutesAtTheEdgesOfTheRange(minutes: Int) async throws {
        try await withClientAndSimulator { client, simulator in
            let response = await client.send(.put(try .protect(minutes: minutes)), to: try simulator.endpoint(1))
            let expiration = try #require(response.expectProtection()?.expirationDate)
            #expect(abs(expiration.timeIntervalSince(response.receivedAt) - Double(minutes * 60)) < 30)
            #expect(simulator.tasks[1].protectionEnabled)
            #expect(simulator.tasks[0].protectionEnabled == false, "only the addressed task changes")
        }
    }

    @Test func responseCarriesStatusDateAndTimes() async throws {
        try await withClientAndSimulator { client, simulator in
            let before = Date()
            let response = await client.send(.get, to: try simulator.endpoint(0))
            let after = Date()
            #expect(response.httpStatus == 200)
            #expect(response.sentAt >= before.addingTimeInterval(-0.001))
            #expect(response.sentAt <= response.receivedAt)
            #expect(response.receivedAt <= after.addingTimeInterval(0.001))
            let serverDate = try #require(response.serverDate)
            // The Date header has whole seconds only.
            #expect(serverDate.timeIntervalSince1970.rounded(.down) == serverDate.timeIntervalSince1970)
            let offset = try #require(response.clockOffsetSample)
            #expect(abs(offset) < 1.5, "simulator and client share a clock")
        }
    }

    @Test func labelledEndpointAndFullStateURLReachTheSameTask() async throws {
        try await withClientAndSimulator { client, simulator in
            try simulator.setProtection(forTask: 0, enabled: true, expiresAt: Date().addingTimeInterval(600))
            let full = try EndpointParser.parse("web=\(simulator.agentURIs[0])\(Endpoint.statePath)")
            #expect(full.label == "web")
            let response = await client.send(.get, to: full)
            #expect(response.expectProtection()?.enabled == true)
        }
    }

    @Test func unknownEndpointIDIsTheAgentsResourceNotFound() async throws {
        try await withClientAndSimulator { client, simulator in
            let port = try #require(simulator.agentPort)
            let endpoint = try EndpointParser.parse("http://127.0.0.1:\(port)/api/no-such-task")
            let response = await client.send(.get, to: endpoint)
            #expect(response.httpStatus == 404)
            let error = try #require(response.expectError())
            #expect(error.code == "ResourceNotFoundException")
            #expect(error.arn == nil)
            #expect(response.result.callsForBackoff(httpStatus: response.httpStatus) == false)
        }
    }

    @Test func wrongPathIsAPlainTextPageNotFoundReportedAsUnexpected() async throws {
        try await withClientAndSimulator { client, simulator in
            let port = try #require(simulator.agentPort)
            let endpoint = try EndpointParser.parse("http://127.0.0.1:\(port)/v2/metadata")
            let response = await client.send(.get, to: endpoint)
            #expect(response.httpStatus == 404)
            guard case .unexpectedResponse(let detail) = response.expectTransport() else { return }
            #expect(detail.contains("404"))
            #expect(detail.contains("404 page not found"))
        }
    }

    @Test func ipv6Loopback() async throws {
        let simulator = AgentSimulator(configuration: clientTestConfiguration(taskCount: 1, host: "::1"))
        do {
            try await simulator.start()
        } catch {
            try? await simulator.shutdown()
            try Test.cancel("this machine cannot listen on [::1]: \(error)")
        }
        let client = AgentHTTPClient(configuration: clientTestLimits)
        let uri = simulator.agentURIs.first ?? ""
        let endpoint = try? EndpointParser.parse(uri)
        var protected: ProtectionResponse?
        if let endpoint { protected = await client.send(.put(try .protect(minutes: 5)), to: endpoint) }
        await client.shutdown()
        try await simulator.shutdown()

        #expect(uri.hasPrefix("http://[::1]:"))
        #expect(endpoint?.host == "::1")
        #expect(protected?.httpStatus == 200)
        #expect(protected?.expectProtection()?.enabled == true)
    }
}
