import Foundation
import Testing
@testable import AgentSimulator

@Suite struct ControlTests {
    @Test func listsTasks() async throws {
        try await withSimulator { simulator in
            let response = try await simulator.control("GET", "/control/tasks")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(document["agentDown"] as? Bool == false)
            let tasks = try #require(document["tasks"] as? [[String: Any]])
            #expect(tasks.count == 2)
            #expect(tasks[1]["endpointID"] as? String == simulator.tasks[1].endpointID)
            #expect(tasks[1]["agentURI"] as? String == simulator.agentURIs[1])
            #expect(tasks[1]["taskArn"] as? String == simulator.tasks[1].taskArn)
            #expect(tasks[1]["fault"] is NSNull)
            #expect(tasks[1]["protectionEnabled"] as? Bool == false)
        }
    }

    @Test func setsAndClearsFaultsByIndexOrEndpointID() async throws {
        try await withSimulator { simulator in
            let set = try await simulator.control("PUT", "/control/tasks/1/fault", body: #"{"fault":"ecs-timeout"}"#)
            #expect(set.status == 200)
            #expect(set.bodyText.contains(#""fault":"ecs-timeout""#))
            #expect(simulator.tasks[1].fault == .ecsTimeout)
            let id = simulator.tasks[1].endpointID
            let cleared = try await simulator.control("PUT", "/control/tasks/\(id)/fault", body: #"{"fault":null}"#)
            #expect(cleared.status == 200)
            #expect(simulator.tasks[1].fault == nil)
        }
    }

    @Test func rejectsBadFaultsAndTasksClearly() async throws {
        try await withSimulator { simulator in
            let badKind = try await simulator.control("PUT", "/control/tasks/0/fault", body: #"{"fault":"explode"}"#)
            #expect(badKind.status == 400)
            #expect(badKind.bodyText.contains("unknown fault kind 'explode'; valid kinds: throttled, ecs-timeout"))
            let badTask = try await simulator.control("PUT", "/control/tasks/9/fault", body: #"{"fault":"slow"}"#)
            #expect(badTask.status == 404)
            #expect(badTask.bodyText.contains("unknown task '9'"))
            let badBody = try await simulator.control("PUT", "/control/tasks/0/fault", body: "nope")
            #expect(badBody.status == 400)
            let badMethod = try await simulator.control("DELETE", "/control/agent")
            #expect(badMethod.status == 405)
            let badPath = try await simulator.control("GET", "/control/nothing")
            #expect(badPath.status == 404)
        }
    }

    @Test func takesTheAgentDownAndUp() async throws {
        try await withSimulator { simulator in
            let down = try await simulator.control("PUT", "/control/agent", body: #"{"down":true}"#)
            #expect(down.bodyText == #"{"down":true}"#)
            #expect(simulator.isAgentDown)
            let state = try await simulator.control("GET", "/control/agent")
            #expect(state.bodyText == #"{"down":true}"#)
            let up = try await simulator.control("PUT", "/control/agent", body: #"{"down":false}"#)
            #expect(up.bodyText == #"{"down":false}"#)
            #expect(try await simulator.request("GET", simulator.statePath(0)).status == 200)
        }
    }

    @Test func noControlListenerWhenPortIsNil() async throws {
        var configuration = fastConfiguration()
        configuration.controlPort = nil
        try await withSimulator(configuration) { simulator in
            #expect(simulator.controlURL == nil)
        }
    }
}
