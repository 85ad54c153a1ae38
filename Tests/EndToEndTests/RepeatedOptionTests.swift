import Foundation
import Testing

/// Finding 9: 10,000 `--task` or `--service` options took 9.7 s, `config` with 10,000
/// `--endpoint` 15 s (ArgumentParser is quadratic in an option's repeats). They are now collected
/// in one pass before parsing.
@Suite struct RepeatedOptionTests {
    static func timed(_ arguments: [String]) async throws -> (ProcessResult, TimeInterval) {
        let started = Date()
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["AWS_CONFIG_FILE"] = "/nonexistent"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_REGION"] = "us-west-2"
        environment["ECS_AGENT_URI"] = nil
        let executable = try ProductBinary.path
        let fixed = environment
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(executable, arguments, environment: fixed, timeout: 60) })
            }
        }
        return (result, Date().timeIntervalSince(started))
    }

    @Test func thousandsOfTasksAndServicesAreReadInLinearTime() async throws {
        let tasks = (0..<10_000).flatMap { ["--task", String(format: "%032x", $0)] }
        let (task, taskSeconds) = try await Self.timed(["get", "--cluster", "c"] + tasks + ["--task=bad task"])
        // Every value reached the check (the last one is refused), in well under the old 9.7 s.
        #expect(task.status == 64, "\(task.standardError)")
        #expect(task.standardError.contains("--task must be a non-empty name without spaces"), "\(task.standardError)")
        #expect(taskSeconds < 3, "\(taskSeconds) s")

        let services = (0..<10_000).flatMap { ["--service", "s\($0)"] }
        let (service, serviceSeconds) = try await Self.timed(["protect", "--cluster", "c"] + services + ["--service", ""])
        #expect(service.status == 64, "\(service.standardError)")
        #expect(service.standardError.contains("--service must be a non-empty name"), "\(service.standardError)")
        #expect(serviceSeconds < 3, "\(serviceSeconds) s")

        let orphan = try await Self.timed(["get", "--task", "t"]).0
        #expect(orphan.standardError.contains("--task needs --cluster"), "\(orphan.standardError)")
    }

    @Test func configWithThousandsOfEndpointsIsLinear() async throws {
        let endpoints = (0..<10_000).flatMap { ["--endpoint", "t\($0)=http://127.0.0.1:1/api/\($0)"] }
        let (config, seconds) = try await Self.timed(["config"] + endpoints)
        #expect(config.status == 0, "\(config.standardError)")
        #expect(config.standardOutput.contains("t9999=http://127.0.0.1:1/api/9999") || config.standardOutput.contains("10000"),
                "\(config.standardOutput.prefix(2000))")
        #expect(seconds < 5, "\(seconds) s")
    }
}
