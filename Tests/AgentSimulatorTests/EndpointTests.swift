import Foundation
import Testing
@testable import AgentSimulator

@Suite struct EndpointTests {
    @Test func getReturnsUnprotectedTaskWithExactHeadersAndBody() async throws {
        let clock = ManualSimulatorClock(start: epoch2030.addingTimeInterval(0.5))
        try await withSimulator(clock: clock) { simulator in
            let response = try await simulator.request("GET", simulator.statePath(0))
            let arn = simulator.tasks[0].taskArn
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.headerNames == jsonHeaderNames)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("X-Rate-Limit-Limit") == "40.00")
            #expect(response.header("X-Rate-Limit-Duration") == "1")
            #expect(response.header("Date") == "Tue, 01 Jan 2030 00:00:00 GMT")
            #expect(response.bodyText
                == #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":"\#(arn)"}}"#)
            #expect(response.header("Content-Length") == String(response.body.count))
        }
    }

    @Test func tasksHaveRealisticAddressing() async throws {
        try await withSimulator(fastConfiguration(taskCount: 3)) { simulator in
            let tasks = simulator.tasks
            #expect(tasks.count == 3)
            #expect(Set(tasks.map(\.endpointID)).count == 3)
            for task in tasks {
                #expect(matches(task.taskArn, "arn:aws:ecs:us-west-2:111122223333:task/demo/[0-9a-f]{32}"))
                #expect(task.agentURI == "http://127.0.0.1:\(simulator.port)/api/\(task.endpointID)")
                #expect(matches(task.endpointID, uuidPattern))
            }
            #expect(simulator.agentURIs == tasks.map(\.agentURI))
        }
    }

    @Test func putEnablesProtectionForDefaultTwoHours() async throws {
        let clock = ManualSimulatorClock(start: epoch2030)
        try await withSimulator(clock: clock) { simulator in
            let arn = simulator.tasks[1].taskArn
            let put = try await simulator.request("PUT", simulator.statePath(1), body: #"{"ProtectionEnabled":true}"#)
            let expected = #"{"protection":{"ExpirationDate":"2030-01-01T02:00:00Z","ProtectionEnabled":true,"TaskArn":"\#(arn)"}}"#
            #expect(put.status == 200)
            #expect(put.headerNames == jsonHeaderNames)
            #expect(put.bodyText == expected)
            let get = try await simulator.request("GET", simulator.statePath(1))
            #expect(get.bodyText == expected)
            #expect(simulator.tasks[1].protectionEnabled)
            #expect(simulator.tasks[0].protectionEnabled == false)
        }
    }

    @Test func putDisablesProtection() async throws {
        try await withSimulator { simulator in
            try simulator.setProtection(forTask: 0, enabled: true, expiresAt: Date().addingTimeInterval(600))
            let put = try await simulator.request("PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":false}"#)
            #expect(put.bodyText.hasPrefix(#"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"#))
            #expect(simulator.tasks[0].protectionEnabled == false)
        }
    }

    @Test(arguments: [
        (0.0, "2030-01-01T00:01:00Z"), (0.5, "2030-01-01T00:01:00.5Z"),
        (0.12, "2030-01-01T00:01:00.12Z"), (0.123, "2030-01-01T00:01:00.123Z"),
    ])
    func expirationDateTrimsMilliseconds(offset: Double, expected: String) async throws {
        let clock = ManualSimulatorClock(start: epoch2030.addingTimeInterval(offset))
        try await withSimulator(clock: clock) { simulator in
            let put = try await simulator.request(
                "PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":true,"ExpiresInMinutes":1}"#)
            #expect(put.bodyText.contains(#""ExpirationDate":"\#(expected)""#))
        }
    }

    @Test func protectionExpiresByTheInjectedClock() async throws {
        let clock = ManualSimulatorClock(start: epoch2030)
        try await withSimulator(clock: clock) { simulator in
            _ = try await simulator.request("PUT", simulator.statePath(0), body: #"{"protectionEnabled":true,"expiresInMinutes":1}"#)
            clock.advance(by: 59.999)
            let before = try await simulator.request("GET", simulator.statePath(0))
            #expect(before.bodyText.contains(#""ExpirationDate":"2030-01-01T00:01:00Z","ProtectionEnabled":true"#))
            clock.advance(by: 0.001)
            let after = try await simulator.request("GET", simulator.statePath(0))
            #expect(after.bodyText.contains(#""ExpirationDate":null,"ProtectionEnabled":false"#))
            #expect(simulator.tasks[0].expirationDate == nil)
        }
    }

    @Test func expiresInMinutesIsNarrowedTo32Bits() async throws {
        let clock = ManualSimulatorClock(start: epoch2030)
        try await withSimulator(clock: clock) { simulator in
            let put = try await simulator.request(
                "PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":true,"ExpiresInMinutes":4294967356}"#)
            #expect(put.status == 200)
            #expect(put.bodyText.contains(#""ExpirationDate":"2030-01-01T01:00:00Z""#))
        }
    }

    @Test(arguments: ["0", "-1", "2881", "4294967296"])
    func outOfRangeMinutesAreRelayedFromECS(minutes: String) async throws {
        try await withSimulator { simulator in
            try simulator.setProtection(forTask: 0, enabled: false, expiresAt: nil)
            let put = try await simulator.request(
                "PUT", simulator.statePath(0), body: #"{"ProtectionEnabled":true,"ExpiresInMinutes":\#(minutes)}"#)
            let arn = simulator.tasks[0].taskArn
            #expect(put.status == 400)
            #expect(put.header("Content-Type") == "application/json")
            let prefix = #"\{"requestID":""# + uuidPattern
                + #"","error":\{"Arn":""# + NSRegularExpression.escapedPattern(for: arn)
                + #"","Code":"InvalidParameterException","Message":"[^"]*2880[^"]*"\}\}"#
            #expect(matches(put.bodyText, prefix), "\(put.bodyText)")
            #expect(simulator.tasks[0].protectionEnabled == false)
        }
    }

    @Test func keysAreCaseInsensitiveAndTrailingBytesIgnored() async throws {
        try await withSimulator { simulator in
            for body in [#"{"PROTECTIONENABLED":true}"#, #"{"protectionenabled":true} trailing garbage {"#,
                         #"{"ProtectionEnabled":true,"ExpiresInMinutes":null}"#] {
                let put = try await simulator.request("PUT", simulator.statePath(0), body: body)
                #expect(put.status == 200, "\(body)")
                #expect(put.bodyText.contains(#""ProtectionEnabled":true"#))
            }
        }
    }

    @Test(arguments: [
        #"{"ProtectionEnabled":true,"Extra":1}"#, #"{"ProtectionEnabled":"true"}"#,
        #"{"ProtectionEnabled":true,"ExpiresInMinutes":"60"}"#, #"{"ProtectionEnabled":true,"ExpiresInMinutes":60.5}"#,
        #"{"ProtectionEnabled":true,"ExpiresInMinutes":6e1}"#, #"{"ProtectionEnabled":true"#, "", "   ", "[]",
        "true", #"{"ProtectionEnabled":true,"ExpiresInMinutes":99999999999999999999}"#, "nul",
    ])
    func undecodableBodiesGetTheSameError(body: String) async throws {
        try await withSimulator { simulator in
            let put = try await simulator.request("PUT", simulator.statePath(0), body: body)
            #expect(put.status == 400)
            #expect(put.headerNames == jsonHeaderNames)
            #expect(put.bodyText
                == #"{"error":{"Code":"InvalidParameterException","Message":"UpdateTaskProtection: failed to decode request"}}"#)
            #expect(simulator.tasks[0].protectionEnabled == false)
        }
    }

    @Test(arguments: ["{}", "null", #"{"ProtectionEnabled":null,"ExpiresInMinutes":5}"#])
    func missingProtectionEnabledNamesTheTask(body: String) async throws {
        try await withSimulator { simulator in
            let put = try await simulator.request("PUT", simulator.statePath(0), body: body)
            let arn = simulator.tasks[0].taskArn
            #expect(put.status == 400)
            #expect(put.bodyText == #"{"error":{"Arn":"\#(arn)","Code":"InvalidParameterException","#
                + #""Message":"Invalid request: does not contain 'ProtectionEnabled' field"}}"#)
        }
    }

    @Test func decodingComesBeforeTaskLookupWhichComesBeforeFieldCheck() async throws {
        try await withSimulator { simulator in
            let unknown = "/api/no-such-task/task-protection/v1/state"
            let badBody = try await simulator.request("PUT", unknown, body: "{")
            #expect(badBody.bodyText.contains("failed to decode request"))
            let emptyObject = try await simulator.request("PUT", unknown, body: "{}")
            #expect(emptyObject.status == 404)
            #expect(emptyObject.bodyText.contains("ResourceNotFoundException"))
        }
    }

    @Test func unknownEndpointIDIsResourceNotFound() async throws {
        try await withSimulator { simulator in
            let get = try await simulator.request("GET", "/api/0000-unknown/task-protection/v1/state")
            #expect(get.statusLine == "HTTP/1.1 404 Not Found")
            #expect(get.headerNames == jsonHeaderNames)
            #expect(get.bodyText
                == #"{"error":{"Code":"ResourceNotFoundException","Message":"Failed to find a task for the request"}}"#)
        }
    }

    @Test func otherPathsArePlainTextNotFound() async throws {
        try await withSimulator { simulator in
            let id = simulator.tasks[0].endpointID
            for path in ["/", "/api/\(id)", "/api/\(id)/task-protection/v1/state/", "/api/\(id)/task-protection/v1",
                         "/api//task-protection/v1/state", "/control/tasks", "/api/a/b/task-protection/v1/state"] {
                let response = try await simulator.request("GET", path)
                #expect(response.statusLine == "HTTP/1.1 404 Not Found", "\(path)")
                #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
                #expect(response.header("X-Rate-Limit-Limit") == "40.00")
                #expect(response.bodyText == "404 page not found\n")
            }
        }
    }

    @Test func queryStringIsIgnored() async throws {
        try await withSimulator { simulator in
            let response = try await simulator.request("GET", simulator.statePath(0) + "?verbose=1")
            #expect(response.status == 200)
            #expect(response.bodyText.hasPrefix(#"{"protection":"#))
        }
    }

    @Test(arguments: ["POST", "DELETE", "PATCH", "HEAD"])
    func otherMethodsAreNotAllowed(method: String) async throws {
        try await withSimulator { simulator in
            let response = try await simulator.request(method, simulator.statePath(0), body: method == "HEAD" ? nil : "{}")
            #expect(response.statusLine == "HTTP/1.1 405 Method Not Allowed")
            #expect(response.header("Content-Type") == nil)
            #expect(response.header("Content-Length") == "0")
            #expect(response.header("X-Rate-Limit-Duration") == "1")
            #expect(response.body.isEmpty)
        }
    }

    @Test func keepAliveServesSeveralRequestsThenIdleConnectionIsClosed() async throws {
        var configuration = fastConfiguration()
        // Long enough that back-to-back requests on a loaded machine never look idle.
        configuration.idleTimeout = .milliseconds(1000)
        try await withSimulator(configuration) { simulator in
            try await RawConnection.with(port: simulator.port) { connection in
                for _ in 0..<3 {
                    try await connection.sendRequest("GET", simulator.statePath(0))
                    #expect(try await connection.readResponse().status == 200)
                }
                #expect(try await connection.waitForPeerClose())
            }
        }
    }

    @Test func connectionCloseRequestIsHonoured() async throws {
        try await withSimulator { simulator in
            try await RawConnection.with(port: simulator.port) { connection in
                try await connection.sendRequest("GET", simulator.statePath(0), extraHeaders: ["Connection: close"])
                let response = try await connection.readResponse()
                #expect(response.header("Connection") == "close")
                #expect(try await connection.waitForPeerClose())
            }
        }
    }

    @Test func servesIPv6Loopback() async throws {
        try await withSimulator(fastConfiguration(host: "::1")) { simulator in
            #expect(simulator.agentURIs[0].hasPrefix("http://[::1]:\(simulator.port)/api/"))
            let response = try await simulator.request("GET", simulator.statePath(0), host: "::1")
            #expect(response.status == 200)
        }
    }
}
