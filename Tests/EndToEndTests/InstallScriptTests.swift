import Foundation
import Testing

/// `scripts/install` on the binary this test run built (the release build and the man page are
/// checked by CI: `scripts/install` then `scripts/check-install`, see `.ci/run`).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct InstallScriptTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized.path

    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-install-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func bash(_ script: String, _ arguments: [String] = []) throws -> ProcessResult {
        try ProcessRunner.run("/bin/bash", ["--norc", "--noprofile", "-c", script, "_"] + arguments, timeout: 60)
    }

    /// The words bash's completion offers after `line` (which ends where the cursor is).
    private func complete(_ line: String, prefix: String) throws -> [String] {
        let script = """
            source "$1/share/bash-completion/completions/ecs-protect" || exit 1
            function="$(complete -p ecs-protect | sed -E 's/.*-F ([^ ]+).*/\\1/')"
            read -r -a COMP_WORDS <<< "$2"
            [[ "$2" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
            "$function" ecs-protect "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try bash(script, [prefix, line])
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    @Test func installsTheBinaryAndCompletionsThatWork() throws {
        let prefix = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let binary = try ProductBinary.path
        let install = try ProcessRunner.run(Self.repository + "/scripts/install", ["--prefix", prefix, "--binary", binary, "--no-manual"], timeout: 120)
        #expect(install.status == 0, "\(install.standardError)")

        let expectedFiles = ["bin/ecs-protect", "share/bash-completion/completions/ecs-protect",
                             "share/zsh/site-functions/_ecs-protect", "share/fish/vendor_completions.d/ecs-protect.fish"]
        #expect(install.standardOutput.split(separator: "\n").map(String.init).sorted() == expectedFiles.sorted(), "\(install.standardOutput)")
        for file in expectedFiles {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(prefix)/\(file)")
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == (file.hasPrefix("bin/") ? 0o755 : 0o644), "\(file): \(String(mode ?? 0, radix: 8))")
            #expect(((attributes[.size] as? NSNumber)?.intValue ?? 0) > 0, "\(file) is empty")
        }

        // The installed (stripped) copy answers like the binary it came from.
        let installed = try ProcessRunner.run("\(prefix)/bin/ecs-protect", ["--version"])
        let original = try ProcessRunner.run(binary, ["--version"])
        #expect(installed.status == 0)
        #expect(installed.standardOutput == original.standardOutput)
        #expect(!installed.standardOutput.isEmpty)

        // bash loads the completion and completes subcommands, options and an option's values.
        let subcommands = try complete("ecs-protect ", prefix: prefix)
        for expected in ["watch", "demo", "get", "protect", "unprotect", "simulate", "themes", "config"] {
            #expect(subcommands.contains(expected), "'\(expected)' not offered: \(subcommands)")
        }
        let watchOptions = try complete("ecs-protect watch --", prefix: prefix)
        for expected in ["--endpoint", "--interval", "--max-rps", "--read-only", "--no-read-only", "--theme", "--log-file"] {
            #expect(watchOptions.contains(expected), "'\(expected)' not offered: \(watchOptions)")
        }
        let zsh = try String(contentsOfFile: "\(prefix)/share/zsh/site-functions/_ecs-protect", encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef ecs-protect"))
        let fish = try String(contentsOfFile: "\(prefix)/share/fish/vendor_completions.d/ecs-protect.fish", encoding: .utf8)
        #expect(fish.contains("complete -c 'ecs-protect'") || fish.contains("complete -c ecs-protect"), "\(fish.prefix(300))")
    }

    @Test func badArgumentsAreUsageErrorsAndInstallNothing() throws {
        let prefix = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let unknown = try ProcessRunner.run(Self.repository + "/scripts/install", ["--prefix", prefix, "--frobnicate"], timeout: 60)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("--frobnicate"))
        let missing = try ProcessRunner.run(Self.repository + "/scripts/install", ["--prefix", prefix, "--binary", prefix + "/nothing", "--no-manual"], timeout: 60)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no executable"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: prefix).isEmpty)
    }
}
