import Foundation
import Testing

/// `ecs-protect simulate …` in the background, its standard output (the agent URIs) and standard
/// error (the export lines) in files.
final class SimulateInBackground {
    let process = Process()
    let directory: String
    let errorPath: String
    let outputPath: String

    init(_ arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        errorPath = directory + "/err"
        outputPath = directory + "/out"
        guard FileManager.default.createFile(atPath: errorPath, contents: nil),
              FileManager.default.createFile(atPath: outputPath, contents: nil),
              let output = FileHandle(forWritingAtPath: outputPath)
        else { throw SimulateStartError.noOutputFile }
        process.executableURL = URL(fileURLWithPath: try ProductBinary.path)
        process.arguments = ["simulate"] + arguments
        process.environment = oneShotEnvironment()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        guard let handle = FileHandle(forWritingAtPath: errorPath) else { throw SimulateStartError.noOutputFile }
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Waits for the export lines and returns them as variables, with the AWS settings of this
    /// machine's user blanked so only what simulate printed counts.
    func environment(timeout: TimeInterval = 30) async throws -> [String: String] {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while !text.contains("services: "), process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        }
        var variables = ["AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                         "AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "", "AWS_SESSION_TOKEN": ""]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count)
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            variables[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
                .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        guard variables["AWS_ENDPOINT_URL_ECS"] != nil else { throw SimulateStartError.noExports(text) }
        return variables
    }

    /// Each task's `ECS_AGENT_URI`, in index order, once standard output has them (after
    /// ``environment(timeout:)``: the URIs are printed before the export lines).
    func agentURIs(timeout: TimeInterval = 10) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if text.hasSuffix("\n") { return text.split(separator: "\n").map(String.init) }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SimulateStartError.noExports("no agent URIs on standard output")
    }

    /// ECS API requests the simulator received so far (`GET /control/api`).
    func apiRequests() throws -> Int {
        let object = try control("GET", "/control/api")
        guard let count = object["requests"] as? Int else { throw SimulateStartError.noExports("\(object)") }
        return count
    }

    /// Calls the control route with this run's bearer token (printed in the export lines) and
    /// returns its JSON document.
    func control(_ method: String, _ path: String, body: String? = nil) throws -> [String: Any] {
        let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        guard let control = text.split(separator: "\n").first(where: { $0.hasPrefix("control: ") })?.dropFirst("control: ".count)
        else { throw SimulateStartError.noExports(text) }
        let prefix = "export ECS_PROTECT_CONTROL_TOKEN='"
        let token = text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count).dropLast() } ?? ""
        let data = body.map { ["-X", method, "-d", $0] } ?? ["-X", method]
        let result = try ProcessRunner.run("/usr/bin/env", ["curl", "-s", "-H", "Authorization: Bearer \(token)"] + data
                                                            + ["\(control)\(path)"], timeout: 10)
        guard let json = result.standardOutput.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        else { throw SimulateStartError.noExports(result.standardOutput) }
        return object
    }
}

enum SimulateStartError: Error {
    case noOutputFile
    case noExports(String)
}
