import Foundation
import OneShotCommands
import ProtectionCore
import Testing

/// What a one-shot command reports, without a process: exit statuses by the worst outcome,
/// "answered but not protected" as its own outcome, and hostile text made inert in the table.
@Suite struct OneShotReportTests {
    private let at = Date(timeIntervalSince1970: 1_893_499_200)

    private func report(_ label: String, _ result: ProtectionResult, request: ProtectionRequest = .get, date: Date? = nil) throws -> TargetReport {
        let endpoint = try EndpointParser.parse("\(label)=http://127.0.0.1:1/api/abc")
        let response = ProtectionResponse(result: result, httpStatus: 200, serverDate: date ?? at, sentAt: at.addingTimeInterval(-0.1), receivedAt: at)
        return TargetReport(origin: .agent(endpoint), request: request, response: response)
    }

    private func protection(enabled: Bool, minutes: Double) -> ProtectionResult {
        .protection(TaskProtection(enabled: enabled, expirationDate: enabled ? at.addingTimeInterval(minutes * 60) : nil,
                                   taskArn: "arn:aws:ecs:us-west-2:111122223333:task/c/0123"))
    }

    @Test func aProtectAnsweredNotProtectedIsItsOwnOutcomeAndExitsFour() throws {
        let protect = ProtectionRequest.put(try ProtectionChange.protect(minutes: 30))
        let fine = try report("a", protection(enabled: true, minutes: 30), request: protect)
        let refused = try report("b", protection(enabled: false, minutes: 0), request: protect)
        // Protected, but the expiry is already past by the answer's own Date.
        let expired = try report("c", protection(enabled: true, minutes: 1), request: protect, date: at.addingTimeInterval(120))
        #expect(fine.outcome == .succeeded)
        #expect(refused.outcome == .notAsRequested && expired.outcome == .notAsRequested)
        #expect(ExitStatus.forOutcomes([fine.outcome, refused.outcome]) == ExitStatus.notProtected)
        #expect(ExitStatus.notProtected == 4)
    }

    @Test func theWorstOutcomeWins() {
        #expect(ExitStatus.forOutcomes([.succeeded]) == 0)
        #expect(ExitStatus.forOutcomes([.succeeded, .answeredWithProblem, .notAsRequested]) == 1)
        #expect(ExitStatus.forOutcomes([.answeredWithProblem, .unreachable, .notAsRequested]) == 2)
    }

    @Test func theTableShowsHostileAnswersInertAndSaysWhatToDo() throws {
        let failure = ProtectionResult.failure(ProtectionFailure(arn: nil, reason: "TASK_NOT_VALID", detail: nil))
        let hostile = ProtectionResult.error(AgentError(code: "ServerException", message: "boom\u{1B}]0;PWNED\u{07}\u{9B}31m"))
        let table = ReportTable.render([try report("batch-1", failure), try report("web-1", hostile)])
        #expect(!table.contains("\u{1B}") && !table.contains("\u{07}") && !table.contains("\u{9B}"), "\(table)")
        #expect(table.contains("TASK_NOT_VALID"))
        #expect(table.contains("scale-in protection only applies to tasks a service started"), "\(table)")
    }
}

/// The exit statuses `--help` and the man page list are the ones the one-shot guide documents.
@Suite struct ExitStatusDocumentationTests {
    @Test func theGuidesTableAndTheHelpListTheSameStatuses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let guide = try String(contentsOf: root.appendingPathComponent("docs/ONE-SHOT.md"), encoding: .utf8)
        let section = try #require(guide.components(separatedBy: "## Exit status").dropFirst().first)
        let rows = section.split(separator: "\n").prefix { !$0.hasPrefix("With several targets") }
        let documented = rows.compactMap { line -> String? in
            guard line.hasPrefix("| "), !line.hasPrefix("| status") else { return nil }
            return line.dropFirst(2).split(separator: " ").first.map(String.init)
        }
        #expect(documented == ExitStatus.meanings.map(\.status))
        #expect(ExitStatus.summary.contains("128+N"))
    }
}
