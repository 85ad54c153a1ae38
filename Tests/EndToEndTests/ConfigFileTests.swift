import Foundation
import Testing

/// The config file as a user meets it: `ecs-protect config` shows what applies and why, and every
/// mistake names the file and line.
@Suite(.timeLimit(.minutes(3)))
struct ConfigFileTests {
    private static let sample = """
        # ecs-protect settings
        [dashboard]
        theme = "light"
        interval = 5
        read-only = false

        [targets.prod-web]
        endpoints = [
          "web-1=http://127.0.0.1:1/api/aaa",
          "web-2=http://127.0.0.1:1/api/bbb",
        ]
        read-only = true
        max-rps = 2.5

        [targets.staging]
        endpoints = ["http://127.0.0.1:1/api/ccc"]

        """

    private func lines(_ output: String, startingWith prefix: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    @Test func configShowsEachValueAndWhereItCameFrom() async throws {
        let home = try ConfigHome()
        try home.write(Self.sample)
        let result = try await home.run(["config", "prod-web", "--interval", "7"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("config file: \(home.configPath)"))
        #expect(output.contains("target set:  prod-web"))
        let theme = try #require(lines(output, startingWith: "theme").first)
        #expect(theme.contains("light") && theme.hasSuffix("config.toml:3 [dashboard]"), "\(theme)")
        let interval = try #require(lines(output, startingWith: "interval").first)
        #expect(interval.contains("7 s") && interval.hasSuffix("command line"), "\(interval)")
        let rate = try #require(lines(output, startingWith: "max-rps").first)
        #expect(rate.contains("2.5") && rate.hasSuffix("config.toml:13 [targets.prod-web]"), "\(rate)")
        let readOnly = try #require(lines(output, startingWith: "read-only").first)
        #expect(readOnly.contains("true") && readOnly.hasSuffix("config.toml:12 [targets.prod-web]"), "\(readOnly)")
        let endpoints = try #require(lines(output, startingWith: "endpoints").first)
        #expect(endpoints.contains("web-1=http://127.0.0.1:1/api/aaa") && endpoints.hasSuffix("config.toml:8 [targets.prod-web]"), "\(endpoints)")
        #expect(output.contains("web-2=http://127.0.0.1:1/api/bbb"))
        // Both sets are listed with where they are defined.
        #expect(lines(output, startingWith: "prod-web").first?.hasSuffix("config.toml:7") == true, "\(output)")
        #expect(lines(output, startingWith: "staging").first?.contains("1 endpoint") == true, "\(output)")
    }

    @Test func aClusterSetShowsEachKeyAndItsLine() async throws {
        let home = try ConfigHome()
        try home.write("""
            [targets.prod-web]
            cluster = "prod"
            service = ["web", "api"]
            task = "0123456789abcdef0123456789abcdef"
            container-instance = "ci-1"
            region = "eu-west-1"
            profile = "ops"
            interval = 10

            [targets.single]
            cluster = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod"
            service = "web"

            """)
        let result = try await home.run(["config", "prod-web"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("target set:  prod-web"))
        for (key, value, line) in [("cluster", "prod", 2), ("service", "web, api", 3), ("task", "0123456789abcdef0123456789abcdef", 4),
                                   ("container-instance", "ci-1", 5), ("region", "eu-west-1", 6), ("profile", "ops", 7)] {
            let row = try #require(lines(output, startingWith: key + " ").first, "\(key) missing:\n\(output)")
            #expect(row.contains(value) && row.hasSuffix("config.toml:\(line) [targets.prod-web]"), "\(row)")
        }
        #expect(lines(output, startingWith: "endpoints").isEmpty, "a cluster set has no endpoints:\n\(output)")
        #expect(lines(output, startingWith: "interval").first?.hasSuffix("config.toml:8 [targets.prod-web]") == true, "\(output)")
        #expect(lines(output, startingWith: "single").first?.contains("cluster arn:aws:ecs:eu-west-1:123456789012:cluster/prod") == true, "\(output)")

        // The set resolves without endpoints, so `watch` gets as far as asking for a terminal.
        let opened = try await home.run(["watch", "single"])
        #expect(opened.status == 3, "\(opened.standardError)")
        #expect(opened.standardError.contains("needs a terminal"))
        // The command line cannot add to a set's selection: --service without --cluster is refused.
        let added = try await home.run(["watch", "single", "--service", "api"])
        #expect(added.status == 64, "\(added.standardError)")
        #expect(added.standardError.contains("--service needs --cluster"), "\(added.standardError)")
    }

    @Test func demoTakesTheThemeOfTheFileUnlessTheCommandLineGivesOne() async throws {
        let home = try ConfigHome()
        try home.write("[dashboard]\ninterval = 5\ntheme = \"no-such-theme\"\n")
        // demo reads [dashboard] theme: a theme that does not load is reported at its line.
        let fromFile = try await home.run(["demo"])
        #expect(fromFile.status == 78, "\(fromFile.status) \(fromFile.standardError)")
        #expect(fromFile.standardError.hasPrefix("ecs-protect: \(home.configPath):3: theme"), "\(fromFile.standardError)")
        // --theme wins: the file's theme is not even loaded, so demo gets as far as the terminal check.
        let fromCommandLine = try await home.run(["demo", "--theme", "light"])
        #expect(fromCommandLine.status == 3, "\(fromCommandLine.status) \(fromCommandLine.standardError)")
        #expect(fromCommandLine.standardError.contains("needs a terminal"))

        try home.write("[dashboard]\ntheme = \"mono\"\n")
        let good = try await home.run(["demo"])
        #expect(good.status == 3, "\(good.status) \(good.standardError)")
    }

    @Test func withoutAFileEverythingIsTheDefault() async throws {
        let home = try ConfigHome()
        let result = try await home.run(["config", "--no-read-only"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("not found: built-in defaults apply"))
        let interval = try #require(lines(result.standardOutput, startingWith: "interval").first)
        #expect(interval.contains("2 s") && interval.hasSuffix(" default"), "\(result.standardOutput)")
        #expect(lines(result.standardOutput, startingWith: "read-only").first?.hasSuffix("command line") == true)
    }

    @Test func alertSettingsComeFromTheFileUnlessTheCommandLineSaysOtherwise() async throws {
        let home = try ConfigHome()
        try home.write("[dashboard]\nalert-before = 5\nbell = false\n")
        let fromFile = try await home.run(["config"])
        #expect(fromFile.status == 0, "\(fromFile.standardError)")
        let alert = try #require(lines(fromFile.standardOutput, startingWith: "alert-before").first)
        #expect(alert.contains("5 min") && alert.contains(":2"), "\(fromFile.standardOutput)")
        let bell = try #require(lines(fromFile.standardOutput, startingWith: "bell").first)
        #expect(bell.contains("false") && bell.contains(":3"), "\(fromFile.standardOutput)")
        let overridden = try await home.run(["config", "--alert-before", "2", "--bell"])
        #expect(lines(overridden.standardOutput, startingWith: "alert-before").first?.hasSuffix("command line") == true)
        #expect(lines(overridden.standardOutput, startingWith: "bell").first?.contains("true") == true)
    }

    /// Each broken file, the line the error must name, and words the message must hold.
    private static let brokenFiles: [(text: String, line: Int, words: [String])] = [
        ("[dashboard]\ninterval = 5\ntheme = \"light\n", 3, ["not valid TOML"]),
        ("[dashboard]\ninterval = 5\ncolour = \"red\"\n", 3, ["unknown key 'colour'", "max-rps"]),
        ("[dashboard]\n\nbell = \"loud\"\n", 3, ["bell must be true or false"]),
        ("[dashboard]\nalert-before = 3000\n", 2, ["alert-before", "between 0 and 2880"]),
        ("[dashboard]\nalert-threshold = \"10m\"\n", 2, ["unknown key 'alert-threshold'", "alert-before"]),
        ("[dashboard]\ninterval = 0.1\n", 2, ["interval", "between 0.5 and 3600", "0.1"]),
        ("[dashboard]\nmax-rps = \"fast\"\n", 2, ["max-rps", "must be a number", "'fast'"]),
        ("[dashboard]\nread-only = \"yes\"\n", 2, ["read-only must be true or false"]),
        ("title = \"x\"\n", 1, ["unknown key 'title'"]),
        ("[targets.prod]\nendpoints = [\"http://127.0.0.1:1/api/a\"]\ncluster = \"prod\"\n", 3, ["endpoints or cluster, not both"]),
        ("[targets.prod]\nservice = \"web\"\nregion = \"us-east-1\"\n", 2, ["service needs cluster"]),
        ("[targets.prod]\ncluster = \"\"\n", 2, ["cluster must be a non-empty name", "the string ''"]),
        ("[targets.prod]\ncluster = \"prod\"\nservice = [\"web\", 3]\n", 3, ["service must be a name or a list of names", "the integer 3"]),
        ("[targets.prod]\ncluster = \"prod\"\ntask = []\n", 3, ["task is an empty list"]),
        ("[targets.prod]\ncluster = \"prod\"\n\nregion = \"us east 1\"\n", 4, ["region must be a non-empty name", "'us east 1'"]),
        ("[targets.prod]\ncluster = \"prod\"\nservices = [\"web\"]\n", 3, ["unknown key 'services'", "container-instance"]),
        ("[targets.prod]\ncluster = \"prod\"\nprofile = true\n", 3, ["profile must be", "true"]),
        ("[targets.prod]\nendpoints = [\n  \"web-1=http://127.0.0.1:1/api/a\",\n  \"web-2=ftp://127.0.0.1/api/b\",\n]\n", 4, ["web-2=ftp://127.0.0.1/api/b"]),
        ("[targets.prod]\nread-only = true\n", 1, ["needs endpoints", "or cluster"]),
        ("[targets.prod]\nendpoints = []\n", 2, ["endpoints is empty"]),
        ("[targets.prod]\nendpoints = \"http://127.0.0.1:1/api/a\"\n", 2, ["must be a list of strings"]),
        ("[targets.\"bad name\"]\nendpoints = [\"http://127.0.0.1:1/api/a\"]\n", 1, ["target set name 'bad name'"]),
        ("[dashboard]\ntheme = \"no-such-theme\"\n", 2, ["theme"]),
    ]

    @Test(arguments: brokenFiles.indices)
    func aMistakeNamesTheFileAndLine(index: Int) async throws {
        let broken = Self.brokenFiles[index]
        let home = try ConfigHome()
        try home.write(broken.text)
        // `watch` checks the file before it needs a terminal: the error, not exit 3, is what comes back.
        for arguments in [["config"], ["watch", "--endpoint", "http://127.0.0.1:1/api/x"]] {
            let result = try await home.run(arguments)
            #expect(result.status == 78, "\(arguments): \(result.status) \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.hasPrefix("ecs-protect: \(home.configPath):\(broken.line): "), "\(arguments): \(result.standardError)")
            for word in broken.words {
                #expect(result.standardError.contains(word), "\(arguments): '\(word)' not in \(result.standardError)")
            }
        }
    }

    @Test func valuesAreEscapedBeforeTheyAreEchoed() async throws {
        let home = try ConfigHome()
        try home.write("[dashboard]\n\"\\u001b[2Jwiped\" = 1\nmax-rps = \"\\u001b]0;title\\u0007\"\n")
        let result = try await home.run(["config"])
        #expect(result.status == 78)
        #expect(!result.standardError.contains("\u{1b}"), "an escape byte reached the terminal: \(result.standardError.debugDescription)")
        #expect(!result.standardError.contains("\u{07}"))
        #expect(result.standardError.contains("\\u{1b}"), "\(result.standardError)")
    }

    @Test func unreadableOrOversizedFilesAreRefusedWithTheirPath() async throws {
        let home = try ConfigHome()
        try Data(repeating: UInt8(ascii: "#"), count: 300 * 1024).write(to: URL(fileURLWithPath: home.configPath))
        let large = try await home.run(["config"])
        #expect(large.status == 78)
        #expect(large.standardError.contains("\(home.configPath): too large"), "\(large.standardError)")

        try Data([0x5b, 0x64, 0x61, 0x73, 0x68, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]).write(to: URL(fileURLWithPath: home.configPath))
        let binary = try await home.run(["config"])
        #expect(binary.status == 78)
        #expect(binary.standardError.contains("\(home.configPath):2: not UTF-8 text"), "\(binary.standardError)")
    }

    @Test func watchNameOpensTheSetOrSaysWhatIsWrong() async throws {
        let home = try ConfigHome()
        try home.write(Self.sample)
        // The set resolves, so the dashboard gets as far as asking for a terminal (exit 3).
        let opened = try await home.run(["watch", "prod-web"])
        #expect(opened.status == 3, "\(opened.standardError)")
        #expect(opened.standardError.contains("needs a terminal"))

        let unknown = try await home.run(["watch", "prod-api"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("no target set 'prod-api'"), "\(unknown.standardError)")
        #expect(unknown.standardError.contains("prod-web, staging"))

        let both = try await home.run(["watch", "prod-web", "--endpoint", "http://127.0.0.1:1/api/x"])
        #expect(both.status == 64)
        #expect(both.standardError.contains("not both"), "\(both.standardError)")
        #expect(both.standardError.contains("Usage: ecs-protect watch"), "\(both.standardError)")

        let neither = try await home.run(["watch"])
        #expect(neither.status == 64)
        #expect(neither.standardError.contains("no endpoint"), "\(neither.standardError)")
        #expect(neither.standardError.contains("Usage: ecs-protect watch"), "\(neither.standardError)")
    }

    @Test func versionComesFromOnePlace() async throws {
        let home = try ConfigHome()
        let version = try await home.run(["--version"])
        #expect(version.status == 0)
        let text = version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(text)")
        let help = try await home.run(["--help"])
        #expect(help.standardOutput.contains("--version"), "\(help.standardOutput)")
        #expect(help.standardOutput.contains("config"))
    }
}
