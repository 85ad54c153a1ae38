import Foundation
import Testing

/// Finding 1: one output boundary. Every error path of the CLI (a table of them) is walked with a
/// hostile value in the setting, file or argument it quotes: no C0, DEL, C1, bidi or invisible
/// format character may reach standard output or standard error raw. (Before: setup errors of
/// `watch --cluster` retitled the terminal; one-shot errors passed C1 and U+202E; helper stderr
/// went through raw; ZWJ passed raw in `--json`.)
@Suite(.serialized, .timeLimit(.minutes(5)))
struct HostileSettingsTests {
    /// Retitle (OSC 0), clipboard (OSC 52), C1 CSI/OSC/ST, DEL, RLO, LRI, ZWSP, ZWJ, BOM.
    static let hostile = "a\u{1B}]0;PWNED\u{07}\u{1B}]52;c;aGk=\u{07}\u{9B}31m\u{9D}0;x\u{9C}\u{7F}\u{202E}\u{2066}\u{200B}\u{200D}\u{FEFF}z"

    /// Code points that must never leave ecs-protect raw (newline and tab aside, which end and
    /// align lines; the zero-width joiner is left to a terminal, which needs it for emoji, but
    /// never to JSON).
    static func unsafe(_ text: String, json: Bool = false) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x200D: json
            case 0x061C, 0x200B...0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
            default: false
            }
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var arguments: [String]
        var environment: [String: String] = [:]
        /// Files to write, relative to the scratch home, before the run.
        var files: [String: String] = [:]
        var description: String { name }
    }

    static let h = hostile
    static let cases: [Case] = [
        Case(name: "source_profile", arguments: ["get", "--cluster", "c"], environment: ["AWS_REGION": "us-west-2"],
             files: [".aws/config": "[default]\nrole_arn=arn:aws:iam::1:role/x\nsource_profile=\(h)\n"]),
        Case(name: "profile section name", arguments: ["get", "--cluster", "c"],
             environment: ["AWS_REGION": "us-west-2", "AWS_PROFILE": h],
             files: [".aws/config": "[profile \(h)]\nregion=us-west-2\nrole_arn=x\nsource_profile=\(h)\n"]),
        Case(name: "AWS_PROFILE", arguments: ["protect", "--cluster", "c"], environment: ["AWS_PROFILE": h, "AWS_REGION": "us-west-2"]),
        Case(name: "--profile", arguments: ["unprotect", "--cluster", "c", "--profile", h], environment: ["AWS_REGION": "us-west-2"]),
        Case(name: "credential_process path", arguments: ["get", "--cluster", "c"], environment: ["AWS_REGION": "us-west-2"],
             files: [".aws/config": "[default]\ncredential_process = /nonexistent/\(h)\n"]),
        Case(name: "credential_process stderr", arguments: ["get", "--cluster", "c"], environment: ["AWS_REGION": "us-west-2"],
             files: [".aws/config": "[default]\ncredential_process = /bin/sh HOME/helper.sh\n",
                     "helper.sh": "printf '%s\\n' '\(h)' >&2\nprintf 'no newline \(h)' >&2\nexit 1\n"]),
        Case(name: "AWS_CA_BUNDLE", arguments: ["get", "--cluster", "c"],
             environment: ["AWS_CA_BUNDLE": "/nonexistent/\(h)", "AWS_REGION": "us-west-2", "AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s"]),
        Case(name: "AWS_REGION", arguments: ["get", "--cluster", "c"],
             environment: ["AWS_REGION": h, "AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s"]),
        Case(name: "--region", arguments: ["get", "--cluster", "c", "--region", h],
             environment: ["AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s"]),
        Case(name: "AWS_ENDPOINT_URL_ECS", arguments: ["get", "--cluster", "c"],
             environment: ["AWS_ENDPOINT_URL_ECS": h, "AWS_REGION": "us-west-2", "AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s"]),
        Case(name: "--cluster against a closed port", arguments: ["get", "--cluster", h, "--timeout", "2"],
             environment: ["AWS_ENDPOINT_URL_ECS": "http://127.0.0.1:9", "AWS_REGION": "us-west-2",
                           "AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s", "AWS_MAX_ATTEMPTS": "1"]),
        Case(name: "unknown option", arguments: ["get", "--\(h)"]),
        Case(name: "unknown subcommand", arguments: [h]),
        Case(name: "--endpoint", arguments: ["get", "--endpoint", h]),
        Case(name: "--endpoint label", arguments: ["get", "--endpoint", "\(h)=http://127.0.0.1:1/api/x"]),
        Case(name: "--minutes", arguments: ["protect", "--minutes", h, "--endpoint", "http://127.0.0.1:1/api/x"]),
        Case(name: "--events", arguments: ["demo", "--events", "/nonexistent/\(h)"]),
        Case(name: "--log-file", arguments: ["watch", "--endpoint", "http://127.0.0.1:1/api/x", "--log-file", "/nonexistent/\(h)"]),
        Case(name: "--scenario path", arguments: ["simulate", "--scenario", "/nonexistent/\(h)"]),
        Case(name: "--scenario content", arguments: ["simulate", "--scenario", "HOME/s.yaml"],
             files: ["s.yaml": "name: x\n\(h): 1\ntasks:\n  - label: a\nsteps: []\n"]),
        Case(name: "timeline path", arguments: ["timeline", "/nonexistent/\(h)"]),
        Case(name: "timeline content", arguments: ["timeline", "HOME/e.jsonl"],
             files: ["e.jsonl": "\(h)\n{\"time\":\"2026-11-27T18:00:00.000Z\",\"kind\":\"\(h)\",\"label\":\"\(h)\",\"fields\":{\"\(h)\":\"\(h)\"}}\n"]),
        Case(name: "--endpoints-from", arguments: ["get", "--endpoints-from", "/nonexistent/\(h)"]),
        Case(name: "--endpoints-from content", arguments: ["get", "--endpoints-from", "HOME/list"], files: ["list": "\(h)\n"]),
        Case(name: "--theme", arguments: ["config", "--theme", h]),
        Case(name: "target set name", arguments: ["get", h]),
        Case(name: "config file key", arguments: ["config"], files: ["xdg/ecs-protect/config.toml": "[dashboard]\n\"\(h)\" = 1\n"]),
        Case(name: "config file value", arguments: ["config"], files: ["xdg/ecs-protect/config.toml": "[dashboard]\ntheme = \"\(h)\"\n"]),
        Case(name: "config file target set", arguments: ["get", "x"],
             files: ["xdg/ecs-protect/config.toml": "[targets.x]\nendpoints = [\"\(h)\"]\n"]),
        Case(name: "simulate --services", arguments: ["simulate", "--services", h]),
        Case(name: "simulate --fault", arguments: ["simulate", "--fault", "0=\(h)"]),
        Case(name: "simulate --host", arguments: ["simulate", "--host", h]),
    ]

    static func environment(home: String, adding extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["ECS_AGENT_URI"] = nil
        environment["HOME"] = home
        environment["XDG_CONFIG_HOME"] = home + "/xdg"
        environment["AWS_CONFIG_FILE"] = home + "/.aws/config"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = home + "/.aws/credentials"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    @Test(arguments: cases)
    func everyErrorPathIsInert(_ test: Case) async throws {
        let home = FileManager.default.temporaryDirectory.path + "/ecs-protect-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        for (name, text) in test.files {
            let path = home + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.replacingOccurrences(of: "HOME/", with: home + "/").utf8).write(to: URL(fileURLWithPath: path))
        }
        let arguments = test.arguments.map { $0.replacingOccurrences(of: "HOME/", with: home + "/") }
        let environment = Self.environment(home: home, adding: test.environment)
        let executable = try ProductBinary.path
        let result = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try ProcessRunner.run(executable, arguments, environment: environment, timeout: 30)
                })
            }
        }
        #expect(result.status != 0 && result.status < 128, "\(test.name): exit \(result.status)\n\(result.standardError)")
        #expect(!result.standardError.isEmpty, "\(test.name): no message")
        #expect(Self.unsafe(result.standardError).isEmpty, "\(test.name): raw in stderr: \(result.standardError.debugDescription)")
        #expect(Self.unsafe(result.standardOutput).isEmpty, "\(test.name): raw in stdout: \(result.standardOutput.debugDescription)")
        if test.name == "credential_process stderr" {
            #expect(result.standardError.contains("a\\x1b]0;PWNED\\x07"), "the helper's message is shown, inert: \(result.standardError)")
            #expect(result.standardError.contains("no newline"), "a last line without a newline is shown too")
        }
    }

    /// `--json` writes every unsafe code point, ZWJ and the other invisible ones included, as
    /// `\uXXXX`, and the value still reads back.
    @Test func jsonEscapesInvisibleFormatCharacters() async throws {
        let text = HostileAgentTests.json(Self.hostile)
        let agent = try HostileAgent { _ in
            .response(status: 200, contentType: "application/json",
                      body: Array(#"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":\#(text)}}"#.utf8))
        }
        defer { agent.stop() }
        let result = try await runECSProtect(["get", "--json", "--endpoint", "\(Self.hostile)x=\(agent.agentURI("t"))"])
        #expect(result.status == 64 || result.status == 0, "\(result.standardError)")
        let direct = try await runECSProtect(["get", "--json", "--endpoint", agent.agentURI("t")])
        #expect(direct.status == 0, "\(direct.standardError)")
        #expect(Self.unsafe(direct.standardOutput, json: true).isEmpty, "\(direct.standardOutput.debugDescription)")
        #expect(direct.standardOutput.contains("\\u200d") && direct.standardOutput.contains("\\u200b") && direct.standardOutput.contains("\\ufeff"))
        let protection = try #require(try parseReport(direct).first?["protection"] as? [String: Any])
        #expect(protection["TaskArn"] as? String == Self.hostile, "the value survives the escaping")
    }

    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    /// The finding's own case: `watch --cluster` (on a terminal) with a `source_profile` that
    /// retitles the terminal. Its setup error is now inert, on the screen and in the stream.
    @Test(.enabled(if: tmuxAvailable))
    func watchClusterSetupErrorsAreInertOnATerminal() throws {
        let home = FileManager.default.temporaryDirectory.path + "/ecs-protect-hostile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try Data("[default]\nrole_arn=x\nsource_profile=\(Self.hostile)\n".utf8).write(to: URL(fileURLWithPath: home + "/.aws/config"))
        let session = try TmuxSession(command: "env PS1='e2e$ ' bash --norc --noprofile", width: 120, height: 30,
                                      environment: ["HOME": home, "AWS_CONFIG_FILE": home + "/.aws/config", "AWS_REGION": "us-west-2"])
        _ = try session.waitForScreen(timeout: 10) { $0.contains("e2e$") }
        try session.type("\(try ProductBinary.path) watch --cluster c 2>\(home)/err; echo \"exit=$?\"")
        try session.send("Enter")
        let done = try session.waitForScreen(timeout: 30) { $0.split(separator: "\n").contains { $0.hasPrefix("exit=") } }
        #expect(done.screen.contains("exit=64"), "\(done.screen)")
        let errors = try String(contentsOfFile: home + "/err", encoding: .utf8)
        #expect(errors.contains("source_profile a\\x1b]0;PWNED\\x07"), "\(errors)")
        #expect(Self.unsafe(errors).isEmpty, "\(errors.debugDescription)")
    }
}
