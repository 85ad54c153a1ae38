import Foundation
import Synchronization
import Testing

/// The environment for child processes: this one's, without `ECS_AGENT_URI` unless given, and
/// never in a drill of the caller's.
func oneShotEnvironment(agentURI: String? = nil) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["ECS_AGENT_URI"] = agentURI
    environment["ECS_PROTECT_DRILL_ID"] = nil
    return environment
}

/// Runs `ecs-protect arguments…` to completion (killed after `timeout`) on a thread of its own,
/// so waiting never blocks the concurrency pool other tests share.
func runECSProtect(_ arguments: [String], agentURI: String? = nil, timeout: TimeInterval = 30,
                   output: ChildOutput = .captured, standardInputPath: String = "/dev/null") async throws -> ProcessResult {
    let executable = try ProductBinary.path
    let environment = oneShotEnvironment(agentURI: agentURI)
    return try await offThePool {
        try ProcessRunner.run(executable, arguments, environment: environment, timeout: timeout,
                              output: output, standardInputPath: standardInputPath)
    }
}

/// Runs `body` (a blocking wait for a child) on a thread of its own, so it never blocks the
/// concurrency pool other tests share.
func offThePool<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Swift.Result { try body() }) }
    }
}

/// `ecs-protect simulate …` running in the background, with the agent URIs it printed.
final class SimulateProcess {
    private let process: Process
    private let output: LineCollector
    /// Each task's `ECS_AGENT_URI`, in index order.
    let agentURIs: [String]

    /// Starts `ecs-protect simulate arguments…` and waits (up to `timeout`) for `taskCount` URIs.
    init(_ arguments: [String], taskCount: Int, timeout: TimeInterval = 20) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProductBinary.path)
        process.arguments = ["simulate"] + arguments
        process.environment = oneShotEnvironment()
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        output = LineCollector(stdout.fileHandleForReading)

        let deadline = Date().addingTimeInterval(timeout)
        while output.lines.count < taskCount, process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        agentURIs = Array(output.lines.prefix(taskCount))
        if agentURIs.count < taskCount {
            kill()
            throw SimulateProcessError.noURIs(output.lines)
        }
    }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM and waits (up to `timeout`) for the exit; nil if it did not exit in time.
    func terminate(timeout: TimeInterval = 10) async throws -> (status: Int32, reason: Process.TerminationReason)? {
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard !process.isRunning else { return nil }
        return (process.terminationStatus, process.terminationReason)
    }

    /// SIGKILL if still running; safe to call more than once.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}

enum SimulateProcessError: Error, CustomStringConvertible {
    case noURIs([String])
    var description: String { "ecs-protect simulate printed no agent URIs (got \(self))" }
}

/// Collects a pipe's lines on a thread of its own as they arrive.
private final class LineCollector: Sendable {
    private let text = Mutex("")

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                self.text.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
            }
        }
    }

    /// Complete lines so far.
    var lines: [String] {
        let all = text.withLock { $0 }
        return all.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}

/// A loopback port nothing listens on: bound and released at once.
func closedLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SimulateProcessError.noURIs(["socket() failed"]) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
        }
    }
    guard bound else { throw SimulateProcessError.noURIs(["bind() failed"]) }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The parsed `--json` output: an array of objects.
func parseReport(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    let data = Data(result.standardOutput.utf8)
    let parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    return try #require(parsed as? [[String: Any]], "not a JSON array of objects: \(result.standardOutput)",
                        sourceLocation: sourceLocation)
}

/// The keys of a `--json` object in the order printed (JSONSerialization loses order).
func keyOrder(ofObjectAt index: Int, in output: String) -> [String] {
    // Objects at nesting level 1 start with "  {" in the pretty-printed array; their own keys are at 4 spaces.
    let lines = output.components(separatedBy: "\n")
    var objectIndex = -1
    var keys: [String] = []
    for line in lines {
        if line == "  {" { objectIndex += 1; continue }
        guard objectIndex == index, line.hasPrefix("    \""), !line.hasPrefix("     ") else { continue }
        let key = line.dropFirst(5).prefix { $0 != "\"" }
        keys.append(String(key))
    }
    return keys
}
