import Foundation
import Testing

/// Success means protected: `protect` exits 0 only when every answer says protected with an
/// `ExpirationDate` after the same answer's `Date`, else 4; `unprotect` exits 4 while an answer
/// still says protected. (Before: both exited 0 whatever the answer said.)
@Suite struct ProtectExitStatusTests {
    /// An agent answer with a `Date` header, as the real agent (Go's net/http) always sends.
    static func answer(enabled: Bool, expiry: String?, date: String?) -> HostileAgent.Reply {
        let expiration = expiry.map { "\"\($0)\"" } ?? "null"
        let body = #"{"protection":{"ExpirationDate":\#(expiration),"ProtectionEnabled":\#(enabled),"TaskArn":"arn:aws:ecs:us-west-2:123456789012:task/c/0f6c1a2b"}}"#
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        if let date { head += "Date: \(date)\r\n" }
        return .raw(Array((head + "\r\n" + body).utf8))
    }

    static func replies(_ path: String) -> HostileAgent.Reply {
        switch path.split(separator: "/").dropFirst().first ?? "" {
        // ProtectionEnabled false whatever was asked.
        case "off": answer(enabled: false, expiry: nil, date: "Fri, 27 Nov 2026 18:00:00 GMT")
        // Enabled, but the expiry is before the answer's own Date (in the future by the local clock).
        case "expired": answer(enabled: true, expiry: "2099-01-01T00:00:00Z", date: "Sat, 02 Jan 2100 00:00:00 GMT")
        // Enabled, expiry an hour after the answer's Date: protected, though the agent's clock is
        // years behind the local one (never compared with the local clock).
        case "behind": answer(enabled: true, expiry: "2001-01-01T01:00:00Z", date: "Mon, 01 Jan 2001 00:00:00 GMT")
        // Enabled with no expiry at all.
        case "noexpiry": answer(enabled: true, expiry: nil, date: "Fri, 27 Nov 2026 18:00:00 GMT")
        default: answer(enabled: true, expiry: "2001-01-01T01:00:00Z", date: "Mon, 01 Jan 2001 00:00:00 GMT")
        }
    }

    @Test func protectExitsFourUnlessEveryAnswerSaysProtectedByItsOwnDate() async throws {
        let agent = try HostileAgent(reply: Self.replies)
        defer { agent.stop() }

        let fine = try await runECSProtect(["protect", "--endpoint", agent.agentURI("behind")])
        #expect(fine.status == 0, "\(fine.standardError)")

        for path in ["off", "expired", "noexpiry"] {
            let table = try await runECSProtect(["protect", "--endpoint", "t=\(agent.agentURI(path))"])
            #expect(table.status == 4, "\(path): \(table.standardError)")
            #expect(table.standardError.contains("ecs-protect: t: answered, but not protected: "), "\(path): \(table.standardError)")

            let json = try await runECSProtect(["protect", "--json", "--endpoint", "t=\(agent.agentURI(path))"])
            #expect(json.status == 4, "\(path): \(json.standardError)")
            let objects = try parseReport(json)
            #expect((objects.first?["notProtected"] as? String)?.isEmpty == false, "\(path): \(json.standardOutput)")
        }
        let off = try await runECSProtect(["protect", "--json", "--endpoint", agent.agentURI("off")])
        #expect(off.standardError.contains("ProtectionEnabled is false"), "\(off.standardError)")
        let expired = try await runECSProtect(["protect", "--endpoint", agent.agentURI("expired")])
        #expect(expired.standardError.contains("is not after the answer's time 2100-01-02T00:00:00"), "\(expired.standardError)")
        #expect(expired.standardOutput.contains("EXPIRED"), "\(expired.standardOutput)")

        // The worst status wins: unreachable (2) over not protected (4 only when nothing worse).
        let mixed = try await runECSProtect(["protect", "--timeout", "2", "--endpoint", agent.agentURI("off"),
                                             "--endpoint", "http://127.0.0.1:9/api/x"])
        #expect(mixed.status == 2, "\(mixed.standardError)")
    }

    @Test func unprotectExitsFourWhileAnAnswerStillSaysProtected() async throws {
        let agent = try HostileAgent(reply: Self.replies)
        defer { agent.stop() }
        let still = try await runECSProtect(["unprotect", "--json", "--endpoint", "t=\(agent.agentURI("behind"))"])
        #expect(still.status == 4, "\(still.standardError)")
        #expect(still.standardError.contains("t: answered, but still protected: "), "\(still.standardError)")
        #expect((try parseReport(still).first?["stillProtected"] as? String)?.contains("2001-01-01T01:00:00") == true)
        let done = try await runECSProtect(["unprotect", "--endpoint", agent.agentURI("off")])
        #expect(done.status == 0, "\(done.standardError)")
        // An expiry at or before the answer's Date is not protection any more.
        let lapsed = try await runECSProtect(["unprotect", "--endpoint", agent.agentURI("expired")])
        #expect(lapsed.status == 0, "\(lapsed.standardError)")
    }

    @Test func protectKeepExitsFourWhenTheLastAnswerIsNotProtected() async throws {
        let agent = try HostileAgent(reply: Self.replies)
        defer { agent.stop() }
        let directory = FileManager.default.temporaryDirectory.path + "/keep-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let keep = try DrillCommandTests.Background(["protect", "--keep", "--endpoint", "t=\(agent.agentURI("off"))"],
                                                    directory: directory)
        defer { keep.kill() }
        #expect(try await keep.wait { $0.output.contains("t renewal failed") }, "\(keep.output)\(keep.errors)")
        keep.process.interrupt()
        let status = try await keep.waitForExit()
        #expect(status == 4, "\(keep.output)\(keep.errors)")
        #expect(keep.errors.contains("t: answered, but not protected: ProtectionEnabled is false"), "\(keep.errors)")
    }
}
