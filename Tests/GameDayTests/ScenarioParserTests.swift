import AgentSimulator
import Foundation
import Testing
@testable import GameDay

@Suite struct ScenarioParserTests {
    @Test func everyShippedScenarioIsValid() throws {
        let files = try shippedScenarioFiles()
        #expect(files.count >= 3)
        for file in files {
            let scenario = try ScenarioParser.load(path: scenariosDirectory + "/" + file)
            #expect(!scenario.name.isEmpty, "\(file)")
            #expect(!scenario.tasks.isEmpty && !scenario.steps.isEmpty, "\(file)")
            #expect(scenario.steps.map(\.at) == scenario.steps.map(\.at).sorted(), "\(file)")
        }
    }

    @Test func theSeededStoryMatchesTheDemoSeeds() throws {
        let scenario = try ScenarioParser.load(path: scenariosDirectory + "/seeded-story.yaml")
        #expect(scenario.tasks.map(\.label) == ["web-1", "web-2", "worker-1", "api-1", "api-2", "batch-1", "ingest-1", "reports-1"])
        #expect(scenario.tasks.map(\.protectedFor) == [115 * 60, 38 * 60, 90, nil, nil, nil, nil, nil])
        #expect(scenario.tasks.map(\.fault) == [nil, nil, nil, nil, nil, .taskNotValid, .throttled, .noCredentials])
        #expect(scenario.steps.contains { $0.action == .work(task: "api-1", seconds: 120, minutes: 10) })
        #expect(scenario.steps.contains { $0.action == .fault(nil, .task("ingest-1")) && $0.at == 180 })
    }

    @Test func everyActionParses() throws {
        let text = """
        name: all actions
        services:
          web: 1
        tasks:
          - label: a
            service: web
            protected: 10m
          - label: b
            service: web
            fault: slow
        steps:
          - at: 1h
            note: last in the file, sorted by time
          - at: 0s
            fault: throttled
            service: web
          - at: 1s
            fault: none
            all: true
          - at: 2s
            agent: down
          - at: 3s
            ecs-api: up
          - at: 4s
            advance: 1h30m
          - at: 5s
            skew: -90s
          - at: 6s
            work: b
            for: 500ms
          - at: 7s
            scale: web
            desired: 0
        """
        let scenario = try ScenarioParser.parse(text, file: "t.yaml")
        #expect(scenario.desiredCounts == ["web": 1])
        #expect(scenario.tasks[0].protectedFor == 600 && scenario.tasks[1].fault == .slow)
        #expect(scenario.steps.map(\.action) == [
            .fault(.throttled, .service("web")), .fault(nil, .all), .agentDown(true), .ecsAPIDown(false),
            .advanceClock(seconds: 5400), .skewClock(seconds: -90), .work(task: "b", seconds: 0.5, minutes: 6),
            .scale(service: "web", desired: 0), .note("last in the file, sorted by time"),
        ])
        #expect(scenario.steps.map(\.line) == [14, 17, 20, 22, 24, 26, 28, 31, 12])
    }

    /// Each bad file is refused with the line of the mistake and what is wrong.
    @Test(arguments: [
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 30\n    note: hi\n", 5, "'at' must be a time"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    fault: throttle\n    task: a\n", 6, "unknown fault 'throttle'"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    fault: slow\n    task: b\n", 7, "no task labelled 'b'"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    agent: down\n    note: both\n", 5, "exactly one of"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - note: when?\n", 5, "needs 'at'"),
        ("name: x\ntasks:\n  - label: a\n  - label: a\nsteps: []\n", 4, "appears twice"),
        ("name: x\ntasks:\n  - label: a\n    colour: red\nsteps: []\n", 4, "unknown key 'colour'"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    fault: slow\n", 5, "exactly one of 'task"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    work: a\n", 5, "needs 'for'"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    work: a\n    for: 1m\n    minutes: 3000\n", 8, "from 1 to 2880"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    scale: other\n    desired: 1\n", 6, "no task belongs to service 'other'"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    agent: sideways\n", 6, "'down' or 'up'"),
        ("name: x\ntasks:\n  - label: a\nsteps:\n  - at: 3s\n    note: hi\n    desired: 2\n", 7, "'desired' does not go with 'note'"),
        ("name: x\ntasks:\n  - label: \"a\\u001b[31m\"\nsteps: []\n", 3, "1 to 40 letters"),
        ("name: x\ntasks: [\nsteps: []\n", 3, "not valid YAML"),
        ("name: x\ntasks:\n  - label: a\n", 1, "missing 'steps'"),
        ("name: x\nservices:\n  db: 1\ntasks:\n  - label: a\nsteps: []\n", 3, "service 'db' has no task"),
        ("tasks:\n  - label: a\nsteps: []\n", 1, "missing 'name'"),
    ])
    func badFilesNameTheLine(text: String, line: Int, message: String) {
        do {
            _ = try ScenarioParser.parse(text, file: "drill.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("drill.yaml:\(line): "), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func unreadableFilesAreRefusedWithoutALine() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases: [(String, Data, String)] = [
            ("empty.yaml", Data(), "empty file"),
            ("binary.yaml", Data([0xff, 0xfe, 0x00, 0x41]), "not UTF-8"),
            ("huge.yaml", Data(repeating: 0x23, count: ScenarioParser.maximumBytes + 1), "larger than"),
        ]
        for (name, contents, message) in cases {
            let path = directory + "/" + name
            #expect(FileManager.default.createFile(atPath: path, contents: contents))
            #expect(throws: ScenarioError.self) { try ScenarioParser.load(path: path) }
            do { _ = try ScenarioParser.load(path: path) } catch {
                #expect(error.line == nil && error.message.contains(message), "\(error)")
            }
        }
        do { _ = try ScenarioParser.load(path: directory + "/missing.yaml") } catch {
            #expect(error.message.contains("cannot read"), "\(error)")
        }
    }

    @Test func durations() {
        #expect(ScenarioDuration.seconds("30s") == 30)
        #expect(ScenarioDuration.seconds("1h30m") == 5400)
        #expect(ScenarioDuration.seconds("2m5s") == 125)
        #expect(ScenarioDuration.seconds("250ms") == 0.25)
        #expect(ScenarioDuration.seconds("-90s") == -90)
        for bad in ["", "30", "s", "1m1h", "1m1m", "3x", "-", "1.5m", "9999999999s"] {
            #expect(ScenarioDuration.seconds(bad) == nil, "\(bad)")
        }
        #expect(ScenarioDuration.text(5400) == "1h30m")
        #expect(ScenarioDuration.text(-90) == "-1m30s")
        #expect(ScenarioDuration.text(0) == "0s")
    }
}
