import AgentSimulator
import Foundation
@testable import GameDay

/// The repository's `Scenarios/` folder.
let scenariosDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Scenarios").standardized.path

/// Every shipped scenario file, by name.
func shippedScenarioFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: scenariosDirectory).filter { $0.hasSuffix(".yaml") }.sorted()
}

/// Loopback, any free port, no control listener, tiny delays: faults answer in milliseconds.
func fastBase() -> SimulatorConfiguration {
    SimulatorConfiguration(
        host: "127.0.0.1", port: 0, taskCount: 0,
        ecsCallTimeout: .milliseconds(50), relayDelay: .milliseconds(5) ... .milliseconds(15),
        ecsLatency: .zero, slowLatency: .milliseconds(30), idleTimeout: .seconds(5), controlPort: nil)
}

/// A scratch directory removed by the caller.
func scratchDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-gameday-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

extension Array where Element == TimelineRecord {
    func of(_ kind: TimelineKind, label: String? = nil) -> [TimelineRecord] {
        filter { $0.kind == kind && (label == nil || $0.label == label) }
    }
}
