import Foundation
import Testing
@testable import GameDay

/// The scenarios in Scenarios/ are compiled in: the same text, each one loads by name, and a path
/// is still a file.
@Suite struct BundledScenarioTests {
    static let scenariosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    @Test func bundledScenariosMatchTheFilesInScenariosDirectory() throws {
        let fileNames = try FileManager.default.contentsOfDirectory(atPath: Self.scenariosDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(BundledScenarios.files.map(\.fileName) == fileNames, "BundledScenarios.swift is out of date: run scripts/embed-bundled-files")
        for fileName in fileNames {
            let onDisk = try String(contentsOf: Self.scenariosDirectory.appendingPathComponent(fileName), encoding: .utf8)
            #expect(BundledScenarios.text(named: String(fileName.dropLast(5))) == onDisk,
                    "\(fileName) differs from BundledScenarios.swift: run scripts/embed-bundled-files")
        }
    }

    @Test func eachBundledScenarioLoadsByName() throws {
        #expect(ScenarioParser.bundled.map(\.name) == ["ecs-api-throttled", "scale-in-during-deploy", "seeded-story", "service-scale-in"])
        for (name, title) in ScenarioParser.bundled {
            let scenario = try ScenarioParser.load(nameOrPath: name)
            #expect(scenario.name == title)
            #expect(!scenario.steps.isEmpty)
        }
    }

    @Test func aPathIsAlwaysAFile() throws {
        #expect(throws: ScenarioError.self) { try ScenarioParser.load(nameOrPath: "./seeded-story") }
        let path = Self.scenariosDirectory.appendingPathComponent("seeded-story.yaml").path
        #expect(try ScenarioParser.load(nameOrPath: path).name == ScenarioParser.load(nameOrPath: "seeded-story").name)
    }
}
