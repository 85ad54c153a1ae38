import AgentSimulator
import Foundation
import ProtectionClient
import Testing
@testable import ProtectionCore

/// Every fault the simulator injects reaches the caller as the right typed outcome.
@Suite struct ClientFaultTests {
    /// Sends `request` to task 0 carrying `fault` and returns the response; unless `fault` lets
    /// requests through (`slow`), checks that stored protection did not change.
    private func send(_ request: ProtectionRequest = .get, fault: FaultKind) async throws -> ProtectionResponse {
        try await withClientAndSimulator(clientTestConfiguration(faults: [0: fault])) { client, simulator in
            let response = await client.send(request, to: try simulator.endpoint(0))
            if fault != .slow {
                #expect(simulator.tasks[0].protectionEnabled == false, "a fault never changes stored protection")
            }
            return response
        }
    }

    @Test(arguments: [ProtectionRequest.get, .put(.unprotect)])
    func throttledIsARelayedThrottlingExceptionWithRequestID(request: ProtectionRequest) async throws {
        let response = try await send(request, fault: .throttled)
        #expect(response.httpStatus == 400)
        let error = try #require(response.expectError())
        #expect(error.code == "ThrottlingException")
        #expect(isRequestID(error.requestID))
        #expect(error.arn?.hasPrefix("arn:aws:ecs:") == true)
        #expect(response.result.callsForBackoff(httpStatus: response.httpStatus))
    }

    @Test func ecsTimeoutIsGatewayTimeoutRequestCanceled() async throws {
        let response = try await send(fault: .ecsTimeout)
        #expect(response.httpStatus == 504)
        let error = try #require(response.expectError())
        #expect(error.code == "RequestCanceled")
        #expect(error.requestID == nil)
        #expect(response.elapsed >= 0.2, "the agent answers only after its ECS call timeout")
    }

    @Test func noCredentialsIsForbiddenAccessDenied() async throws {
        let response = try await send(.put(try .protect()), fault: .noCredentials)
        #expect(response.httpStatus == 403)
        let error = try #require(response.expectError())
        #expect(error.code == "AccessDeniedException")
        #expect(error.message.contains("no task IAM role credentials"))
        #expect(error.requestID == nil)
        #expect(response.result.callsForBackoff(httpStatus: response.httpStatus) == false)
    }

    @Test func accessDeniedIsARelayedBadRequestWithRequestID() async throws {
        let response = try await send(.put(try .protect()), fault: .accessDenied)
        #expect(response.httpStatus == 400)
        let error = try #require(response.expectError())
        #expect(error.code == "AccessDeniedException")
        #expect(error.message.contains("ecs:UpdateTaskProtection"))
        #expect(isRequestID(error.requestID))
    }

    @Test func taskNotValidIsAFailureAnsweredWith200() async throws {
        let response = try await send(fault: .taskNotValid)
        #expect(response.httpStatus == 200)
        guard case .failure(let failure) = response.result else {
            Issue.record("expected a failure, got \(response.result)")
            return
        }
        #expect(failure.reason == "TASK_NOT_VALID")
        #expect(failure.detail == nil)
        #expect(failure.arn?.hasPrefix("arn:aws:ecs:") == true)
    }

    @Test func serverErrorIsARelayedServerException() async throws {
        let response = try await send(fault: .serverError)
        #expect(response.httpStatus == 500)
        let error = try #require(response.expectError())
        #expect(error.code == "ServerException")
        #expect(isRequestID(error.requestID))
        #expect(response.result.callsForBackoff(httpStatus: response.httpStatus))
    }

    @Test func rateLimitedIsThe429PlainTextMessage() async throws {
        let response = try await send(fault: .rateLimited)
        #expect(response.httpStatus == 429)
        #expect(response.result == .rateLimited(message: "You have reached maximum request limit."))
    }

    @Test func slowStillSucceedsAfterTheLatency() async throws {
        let response = try await send(.put(try .protect(minutes: 10)), fault: .slow)
        #expect(response.httpStatus == 200)
        #expect(response.expectProtection()?.enabled == true)
        #expect(response.elapsed >= 0.3)
    }

    @Test func malformedBodyIsAnUnexpectedResponse() async throws {
        let response = try await send(fault: .malformed)
        #expect(response.httpStatus == 200)
        guard case .unexpectedResponse(let detail) = response.expectTransport() else { return }
        #expect(detail.contains("HTTP 200"))
    }

    @Test func slowerThanTheRequestTimeoutIsATimeout() async throws {
        let configuration = clientTestConfiguration(faults: [0: .slow], slowLatency: .seconds(20))
        let limits = AgentHTTPClient.Configuration(requestTimeout: 0.5, idleConnectionTimeout: 10)
        try await withClientAndSimulator(configuration, client: limits) { client, simulator in
            let response = await client.send(.get, to: try simulator.endpoint(0))
            #expect(response.expectTransport() == .timeout)
            #expect(response.httpStatus == nil)
            #expect(response.serverDate == nil)
            #expect(response.elapsed < 20, "the deadline, not the server, ended the request")
            // The same client still works for a healthy task afterwards.
            let healthy = await client.send(.get, to: try simulator.endpoint(1))
            #expect(healthy.httpStatus == 200)
        }
    }
}
