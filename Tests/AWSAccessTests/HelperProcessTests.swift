import Foundation
import Synchronization
import Testing
@testable import AWSAccess

/// Finding 7: `credential_process` children inherited a blocked signal mask and ignored
/// dispositions, so the timeout's SIGTERM was ignored and the child outlived ecs-protect; a
/// helper whose background child kept standard output open made valid credentials fail after
/// 60 s; output over 64 KiB got the same misleading timeout.
@Suite(.serialized) struct HelperProcessTests {
    static let document = #"{"Version":1,"AccessKeyId":"AKIAHELPER","SecretAccessKey":"s"}"#

    static func isGone(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return true }
        // A zombie nobody reaped yet (no init in a container) is gone too.
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        return status.contains("State:\tZ")
    }

    @Test func theHelperStartsWithNoBlockedOrIgnoredSignals() async throws {
        // What the dashboard's threads have when a helper is started: HUP, INT, TERM, CHLD blocked
        // on the calling thread, and a signal ignored process-wide.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in [SIGHUP, SIGINT, SIGTERM, SIGCHLD] { sigaddset(&blocked, number) }
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let oldUSR2 = signal(SIGUSR2, SIG_IGN)
        let lines = Mutex<[String]>([])
        let outcome = await HelperProcess.run(["/bin/sh", "-c", #"exec grep -E '^Sig(Blk|Ign)' /proc/self/status >&2"#],
                                              timeout: 10, maximumOutputBytes: 1000) { line in lines.withLock { $0.append(line) } }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        signal(SIGUSR2, oldUSR2)
        #expect(outcome == .exited(status: 0, output: []))
        let seen = lines.withLock { $0 }
        #expect(seen.count == 2, "\(seen)")
        for line in seen {
            // Signals 1-31 (glibc keeps 32 and 33 for itself and cannot reset them).
            let mask = UInt64(line.split(separator: "\t").last ?? "", radix: 16) ?? .max
            #expect(mask & 0x7FFF_FFFF == 0, "the helper must start with a clean mask and default dispositions: \(line)")
        }
    }

    @Test func aTimeoutKillsTheWholeGroupEvenWhenItIgnoresSIGTERM() async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/helper-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let started = Date()
        let outcome = await HelperProcess.run(
            ["/bin/sh", "-c", "trap '' TERM; sleep 300 & echo $! > \(directory)/grandchild; echo $$ > \(directory)/child; wait"],
            timeout: 1, maximumOutputBytes: 1000)
        #expect(outcome == .timedOut)
        #expect(Date().timeIntervalSince(started) < 6)
        let child = try #require(pid_t(try String(contentsOfFile: directory + "/child", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let grandchild = try #require(pid_t(try String(contentsOfFile: directory + "/grandchild", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        #expect(Self.isGone(child), "the helper outlived its timeout")
        #expect(Self.isGone(grandchild), "the helper's child outlived its timeout")
    }

    @Test func aBackgroundChildHoldingStandardOutputDoesNotHoldUpTheCredentials() async throws {
        let started = Date()
        let credentials = try await CredentialProcess.run(
            "/bin/sh -c 'sleep 30 & echo \(Self.document.replacingOccurrences(of: "\"", with: "\\\""))'", profile: "p", timeout: 20)
        #expect(credentials.accessKeyID == "AKIAHELPER")
        #expect(Date().timeIntervalSince(started) < 5, "waited on a grandchild's copy of the pipe")
    }

    @Test func tooMuchOutputIsSaidAsSuchAtOnce() async throws {
        let started = Date()
        do {
            _ = try await CredentialProcess.run("/usr/bin/yes", profile: "p", timeout: 20)
            Issue.record("accepted endless output")
        } catch {
            #expect(error.message.contains("printed more than 65536 bytes on standard output"), "\(error.message)")
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func standardErrorIsPassedOnALineAtATime() async throws {
        let lines = Mutex<[String]>([])
        let outcome = await HelperProcess.run(["/bin/sh", "-c", #"printf 'one\ntwo\033]0;x\007\nthree' >&2"#],
                                              timeout: 10, maximumOutputBytes: 1000) { line in lines.withLock { $0.append(line) } }
        #expect(outcome == .exited(status: 0, output: []))
        #expect(lines.withLock { $0 } == ["one", "two\u{1B}]0;x\u{07}", "three"])
        let missing = await HelperProcess.run(["/nonexistent/helper"], timeout: 10, maximumOutputBytes: 1000)
        #expect(missing == .notStarted("No such file or directory"))
    }

    /// Issue 21: a helper that asks for an MFA code must read the answer from our standard input
    /// (the terminal), not from `/dev/null`; its prompt reaches the operator.
    @Test func theHelperReadsOurStandardInputSoItCanPrompt() async throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        let saved = dup(0)
        dup2(ends[0], 0)
        close(ends[0])
        _ = "123456\n".withCString { write(ends[1], $0, strlen($0)) }
        close(ends[1])
        defer {
            dup2(saved, 0)
            close(saved)
        }
        let lines = Mutex<[String]>([])
        let outcome = await HelperProcess.run(
            ["/bin/sh", "-c", #"printf 'MFA code: ' >&2; read code; printf '{"Version":1,"AccessKeyId":"AKIA%s","SecretAccessKey":"s"}' "$code""#],
            timeout: 10, maximumOutputBytes: 1000) { line in lines.withLock { $0.append(line) } }
        #expect(outcome == .exited(status: 0, output: Array(#"{"Version":1,"AccessKeyId":"AKIA123456","SecretAccessKey":"s"}"#.utf8)))
        // Standard error here is not a terminal, so the prompt came through the forwarding.
        #expect(lines.withLock { $0 } == ["MFA code: "])
    }
}
