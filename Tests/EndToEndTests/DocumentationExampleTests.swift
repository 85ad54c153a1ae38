import Foundation
import Testing

/// One fenced code block of the README or a guide.
struct DocumentationBlock: CustomTestStringConvertible, Sendable {
    /// `README.md:42` or `docs/ONE-SHOT.md:17`: where the block's opening fence is.
    let location: String
    /// The word after the opening fence (`sh`, `console`, …), empty when there is none.
    let language: String
    let text: String

    var testDescription: String { location }
}

/// The code blocks of README.md and docs/*.md. A `sh` block is a command that runs as written
/// against the simulator; `console` and `text` blocks are illustrations (docs/ARCHITECTURE.md,
/// "Examples in the documentation").
enum DocumentationBlocks {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized

    /// The languages a block may name: `sh` runs; the others are shown, never run.
    static let languages: Set<String> = ["sh", "console", "text", "json", "toml", "yaml", "dockerfile"]

    static var files: [String] {
        let guides = (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + guides.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    static var all: [DocumentationBlock] {
        files.flatMap { file -> [DocumentationBlock] in
            guard let text = try? String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8) else { return [] }
            return blocks(in: text, file: file)
        }
    }

    static var runnable: [DocumentationBlock] { all.filter { $0.language == "sh" } }

    /// Fenced blocks opened by a line starting with three backticks and closed by a line of them.
    static func blocks(in text: String, file: String) -> [DocumentationBlock] {
        var found: [DocumentationBlock] = []
        var open: (line: Int, language: String, body: [Substring])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var block = open {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    found.append(DocumentationBlock(location: "\(file):\(block.line)", language: block.language,
                                                    text: block.body.joined(separator: "\n") + "\n"))
                    open = nil
                } else {
                    block.body.append(line)
                    open = block
                }
            } else if line.hasPrefix("```") {
                open = (index + 1, String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
            }
        }
        return found
    }
}

/// Every `sh` example in the README and the guides runs as written: with `ecs-protect` on `PATH`,
/// a fresh simulator's export lines in the environment and `ECS_AGENT_URI` set to its first task
/// (as inside a task), in an empty directory, under `bash -eu -o pipefail`. Each must exit 0
/// within its time limit and leave no process running.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct DocumentationExampleTests {
    @Test func everyCodeBlockSaysWhetherItRuns() {
        let blocks = DocumentationBlocks.all
        #expect(blocks.count > 20, "found only \(blocks.count) code blocks")
        for block in blocks {
            #expect(DocumentationBlocks.languages.contains(block.language),
                    "\(block.location): a block must be `sh` (runs) or one of \(DocumentationBlocks.languages.sorted()), not '\(block.language)'")
        }
        #expect(DocumentationBlocks.runnable.count >= 10, "\(DocumentationBlocks.runnable.map(\.location))")
    }

    @Test(arguments: DocumentationBlocks.runnable)
    func theExampleRunsAsWritten(block: DocumentationBlock) async throws {
        let simulator = try SimulateInBackground([])
        // Only what the simulator printed, and what a shell needs: nothing of this machine's user.
        var environment = try await simulator.environment()
        let agentURIs = try await simulator.agentURIs()
        let work = simulator.directory + "/work"
        let home = simulator.directory + "/home"
        for directory in [work, home + "/.config"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let binaryDirectory = URL(fileURLWithPath: try ProductBinary.path).deletingLastPathComponent().path
        environment["PATH"] = binaryDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        environment["ECS_AGENT_URI"] = agentURIs.first
        environment["HOME"] = home
        environment["XDG_CONFIG_HOME"] = home + "/.config"
        environment["LANG"] = "C.UTF-8"
        environment["USER"] = ProcessInfo.processInfo.environment["USER"] ?? "operator"

        let childEnvironment = environment
        let result = try await offThePool {
            try ProcessRunner.run("/bin/bash", ["--norc", "--noprofile", "-c",
                                                "cd -- \"$1\" || exit 100; exec /bin/bash --norc --noprofile -eu -o pipefail -c \"$2\" example",
                                                "_", work, block.text],
                                  environment: childEnvironment, timeout: 60, ownProcessGroup: true)
        }
        #expect(result.status == 0, """
            \(block.location) exited \(result.status)
            --- example
            \(block.text)--- standard output
            \(result.standardOutput.suffix(2000))
            --- standard error
            \(result.standardError.suffix(2000))
            """)
        #expect(!result.leftProcessesBehind, "\(block.location) left processes running (they were killed)")
    }
}
