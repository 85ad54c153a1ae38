import ConfigFiles
import Dashboard
import Foundation
import ProtectionCore
import Testing

/// The config file read as hostile input, without a process: values with their lines, target
/// sets, and every mistake named by file and line.
@Suite struct ConfigReaderTests {
    private static let sample = """
        # ecs-protect settings
        [dashboard]
        theme = "light"
        interval = 5

        [targets.prod-web]
        endpoints = [
          "web-1=http://127.0.0.1:1/api/aaa",
          "web-2=http://127.0.0.1:1/api/bbb",
        ]
        read-only = true
        """

    @Test func valuesAndTargetSetsKeepTheLineTheyCameFrom() throws {
        let file = try ConfigReader(text: Self.sample, path: "/home/ops/config.toml").read()
        #expect(file.dashboard.theme?.value == "light" && file.dashboard.theme?.line == 3)
        #expect(file.dashboard.interval?.value == 5 && file.dashboard.interval?.line == 4)
        let set = try #require(file.targetSet(named: "prod-web"))
        #expect(set.endpoints?.value.map(\.displayName) == ["web-1", "web-2"])
        #expect(set.defaults.readOnly?.value == true)
        #expect(file.targetSet(named: "staging") == nil)
    }

    @Test(arguments: [
        ("[dashboard]\ninterval = \"soon\"\n", 2),
        ("[dashboard]\ntheme = 3\n", 2),
        ("[targets.web]\nendpoints = [\"web=ftp://x\"]\n", 2),
        ("[dashboard]\nunknown-key = 1\n", 2),
    ])
    func aMistakeNamesTheFileAndLine(text: String, line: Int) {
        #expect(throws: ConfigError.self) { try ConfigReader(text: text, path: "c.toml").read() }
        do {
            _ = try ConfigReader(text: text, path: "c.toml").read()
        } catch {
            #expect(error.location == ConfigLocation(path: "c.toml", line: line), "\(error)")
        }
    }

    @Test func aHostileShapeIsRefusedBeforeParsing() {
        let dotted = "[" + Array(repeating: "a", count: 20_000).joined(separator: ".") + "]\n"
        #expect(TOMLShape.problem(in: dotted) != nil)
        #expect(TOMLShape.problem(in: Self.sample) == nil)
    }
}

/// `hidden-columns`: the column menu's starting point, read as hostile input like every key.
@Suite struct HiddenColumnsConfigTests {
    @Test func namesAreColumnsAndAnythingElseIsRefusedAtItsLine() throws {
        let file = try ConfigReader(text: "[dashboard]\nhidden-columns = [\"expires\", \"answered\"]\n", path: "/c.toml").read()
        #expect(file.dashboard.hiddenColumns?.value == [.expires, .answered] && file.dashboard.hiddenColumns?.line == 2)
        for text in ["[dashboard]\nhidden-columns = [\"label\"]\n", "[dashboard]\nhidden-columns = \"expires\"\n",
                     "[dashboard]\nhidden-columns = [1]\n"] {
            #expect(throws: ConfigError.self, "\(text)") { _ = try ConfigReader(text: text, path: "/c.toml").read() }
        }
    }
}

/// The column menu's choice written into a real config file: only the `hidden-columns` line
/// changes, the file reads back, and a file that would not read back is left as it was.
@Suite struct HiddenColumnsWriterTests {
    private func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("ecs-protect/config.toml").path
    }

    @Test func anExistingFileKeepsItsCommentsAndOnlyTheLineChanges() throws {
        let path = try scratch()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let original = "# mine\n[dashboard]\ntheme = \"light\"   # kept\nhidden-columns = [\n  \"state\",\n]\n\n[targets.a]\nendpoints = [\"http://127.0.0.1:1/x\"]\n"
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        try HiddenColumnsWriter.save(["expires", "answered"], path: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "# mine\n[dashboard]\ntheme = \"light\"   # kept\nhidden-columns = [\"expires\", \"answered\"]\n\n[targets.a]\nendpoints = [\"http://127.0.0.1:1/x\"]\n")
        let file = try #require(try ConfigFile.load(path: path))
        #expect(file.dashboard.hiddenColumns?.value == [.expires, .answered] && file.dashboard.theme?.value == "light")
    }

    @Test func noFileOrNoDashboardTableGetsOne() throws {
        let path = try scratch()
        try HiddenColumnsWriter.save(["problem"], path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[dashboard]\nhidden-columns = [\"problem\"]\n")
        try "[targets.a]\nendpoints = [\"http://127.0.0.1:1/x\"]\n".write(toFile: path, atomically: true, encoding: .utf8)
        try HiddenColumnsWriter.save([], path: path)
        let file = try #require(try ConfigFile.load(path: path))
        #expect(file.dashboard.hiddenColumns?.value == [] && file.targetSet(named: "a") != nil)
    }

    /// The file keeps its mode; a folder that cannot be made is said in the system's words.
    @Test func theModeStaysAndAFailureSaysWhy() throws {
        let path = try scratch()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "# mine\n[dashboard]\ntheme = \"light\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(chmod(path, 0o640) == 0)
        try HiddenColumnsWriter.save(["state"], path: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# mine\n[dashboard]\nhidden-columns = [\"state\"]\ntheme = \"light\"\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o640)
        do {
            try HiddenColumnsWriter.save(["state"], path: path + "/inside-a-file/config.toml")
            Issue.record("a config file was written below a file")
        } catch {
            #expect(error.message.hasPrefix("the columns were not kept: "), "\(error.message)")
            #expect(error.message.hasSuffix("Not a directory"), "\(error.message)")
        }
    }

    @Test func aFileThatWouldNotReadBackIsLeftAsItWas() throws {
        let path = try scratch()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // A [dashboard] table added below root keys of the same name would define it twice.
        let original = "dashboard.theme = \"light\"\n"
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try HiddenColumnsWriter.save(["state"], path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    }

    @Test func aTargetSetListsSeveralClustersEachReadAsTheCommandLineReadsThem() throws {
        let file = try ConfigReader(text: """
            [targets.checkout]
            cluster = ["prod@us-east-1/checkout", "eu-west-1/checkout"]
            service = "web"
            region = "us-west-2"
            """, path: "/c.toml").read()
        let ecs = try #require(file.targetSet(named: "checkout")?.ecs)
        #expect(ecs.clusters == ["prod@us-east-1/checkout", "eu-west-1/checkout"])
        #expect(ecs.references.map(ecs.region(of:)) == ["us-east-1", "eu-west-1"])
        #expect(ecs.references.map(ecs.profile(of:)) == ["prod", nil])
        #expect(ecs.selection.cluster == "checkout" && ecs.selection.services == ["web"])
        #expect(ecs.rows.first?.value == "prod@us-east-1/checkout, eu-west-1/checkout")
        for (text, message) in [
            ("[targets.x]\ncluster = [\"nowhere/web\"]\n", "'nowhere' is not a region"),
            ("[targets.x]\ncluster = [\"a\", \"b\"]\ntask = \"0123\"\n", "task and container-instance name one cluster's tasks"),
            ("[targets.x]\ncluster = []\n", "is an empty list"),
        ] {
            do {
                _ = try ConfigReader(text: text, path: "/c.toml").read()
                Issue.record("accepted: \(text)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }
}
