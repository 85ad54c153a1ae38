import Foundation

/// A private `XDG_CONFIG_HOME` holding `ecs-protect/config.toml`, removed on deinit.
final class ConfigHome {
    let directory: String
    var configPath: String { directory + "/ecs-protect/config.toml" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/ecs-protect", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes the config file.
    func write(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// The environment for a child: this process's, with this `XDG_CONFIG_HOME` and no `ECS_AGENT_URI`.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = directory
        environment["ECS_AGENT_URI"] = nil
        return environment
    }

    /// Runs `ecs-protect arguments…` with this config home, on a thread of its own.
    func run(_ arguments: [String], timeout: TimeInterval = 30) async throws -> ProcessResult {
        let executable = try ProductBinary.path
        let environment = environment
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try ProcessRunner.run(executable, arguments, environment: environment, timeout: timeout)
                })
            }
        }
    }
}
