import Foundation
import Testing

/// Finding 8 as a user meets it: `simulate` listens on loopback unless `--host` says otherwise,
/// warns when it does, and prints this run's control token and ECS API key, which differ per run.
@Suite struct SimulatorExposureTests {
    static func exports(_ arguments: [String]) async throws -> (variables: [String: String], errors: String) {
        let simulate = try SimulateInBackground(arguments)
        let variables = try await simulate.environment()
        let errors = (try? String(contentsOfFile: simulate.errorPath, encoding: .utf8)) ?? ""
        simulate.process.interrupt()
        simulate.process.waitUntilExit()
        return (variables, errors)
    }

    @Test func eachRunHasItsOwnKeyAndTokenAndStaysOnLoopback() async throws {
        let first = try await Self.exports(["--tasks", "1"])
        let second = try await Self.exports(["--tasks", "1"])
        for run in [first, second] {
            #expect(run.variables["AWS_ENDPOINT_URL_ECS"]?.hasPrefix("http://127.0.0.1:") == true, "\(run.errors)")
            #expect(run.variables["ECS_PROTECT_CONTROL_URL"]?.hasPrefix("http://127.0.0.1:") == true, "\(run.errors)")
            #expect(run.variables["ECS_PROTECT_CONTROL_TOKEN"]?.count == 32, "\(run.errors)")
            #expect(!run.errors.contains("warning"), "\(run.errors)")
        }
        #expect(first.variables["AWS_ACCESS_KEY_ID"] != second.variables["AWS_ACCESS_KEY_ID"])
        #expect(first.variables["AWS_SECRET_ACCESS_KEY"] != second.variables["AWS_SECRET_ACCESS_KEY"])
        #expect(first.variables["ECS_PROTECT_CONTROL_TOKEN"] != second.variables["ECS_PROTECT_CONTROL_TOKEN"])
        #expect(first.variables["AWS_ACCESS_KEY_ID"] != "AKIASIMULATEDECS0001")
    }

    @Test func aNonLoopbackHostIsWarnedAbout() async throws {
        let wide = try await Self.exports(["--tasks", "1", "--host", "0.0.0.0"])
        #expect(wide.errors.contains("warning: --host 0.0.0.0 serves the simulated agent, its control route and its ECS API beyond this machine"),
                "\(wide.errors)")
        let loopback = try await Self.exports(["--tasks", "1", "--host", "127.0.0.1"])
        #expect(!loopback.errors.contains("warning"), "\(loopback.errors)")
    }

    @Test func theControlRouteNeedsThePrintedToken() async throws {
        let simulate = try SimulateInBackground(["--tasks", "1"])
        let variables = try await simulate.environment()
        defer { simulate.process.interrupt() }
        let control = try #require(variables["ECS_PROTECT_CONTROL_URL"])
        let refused = try ProcessRunner.run("/usr/bin/env", ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT",
                                                             "-d", #"{"down":true}"#, "\(control)/control/agent"], timeout: 10)
        #expect(refused.standardOutput == "401", "\(refused.standardOutput)")
        #expect(try simulate.apiRequests() >= 0, "the printed token opens the route")
    }
}
