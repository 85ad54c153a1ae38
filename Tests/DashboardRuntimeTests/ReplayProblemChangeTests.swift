import Dashboard
import DashboardRuntime
import Foundation
import GameDay
import ProtectionCore
import TerminalTestSupport
import Testing

/// The one-in-four mismatch of seeded-story's fidelity check, made deterministic: a task whose
/// problem changes (a request cut off as the agent went down, ConnectionReset, then the next one
/// refused, ConnectionRefused) is recorded as `error.ended` and `error.started` at the same answer.
/// A replay must not read that `error.ended` as the task answering with its protection again: such
/// an answer would clear the agent's outage and reset the row's answer age, so the replayed frame
/// said "failing for 0s" and "STALE 0s" where the live one said 2 s and 4 s.
///
/// The live side is the real reducer fed the monitor's events in order, recorded by the real
/// recorder (with its frame digests); the replay side is ``ReplayFidelity`` on those records.
@Suite(.utf8Locale) struct ReplayProblemChangeTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    private static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    private static let protection = TaskProtection(
        enabled: true, expirationDate: at(3600), expirationDateText: TimelineRecord.timestamp(at(3600)), taskArn: "arn:aws:ecs:r:1:task/c/a")

    private static func answer(_ result: ProtectionResult, at seconds: Double, target: TargetID) -> MonitorEvent {
        let status: Int? = if case .transport = result { nil } else { 200 }
        return .responded(target: target, request: .get, response: ProtectionResponse(
            result: result, httpStatus: status, serverDate: nil, sentAt: at(seconds - 0.01), receivedAt: at(seconds)))
    }

    /// A live dashboard's state fed events in order, recorded as a dashboard records them, with a
    /// digest of its frame wherever the test asks.
    private struct LiveRecording {
        let memory = TimelineMemory()
        let recorder: MonitorTimelineRecorder
        var state: DashboardState
        var digests = 0

        init() throws {
            let endpoints = try ["task-a=http://127.0.0.1:51678", "task-b=http://127.0.0.1:51678"].map { try EndpointParser.parse($0) }
            memory.record(TimelineRecord(time: start, kind: .runStarted, fields: ["command": "demo", "interval": "2.0"]))
            recorder = MonitorTimelineRecorder(labels: endpoints.map(\.displayName), endpoints: endpoints.map(\.agentURI), sink: memory)
            recorder.watching(at: start)
            state = DashboardState(endpoints: endpoints, now: start, width: 120, height: 40, pollInterval: 2)
            _ = DashboardReducer.reduce(&state, .started)
        }

        /// `event` taken in at `seconds`, and the frame digested a moment later.
        mutating func take(_ event: MonitorEvent, at seconds: Double) {
            _ = DashboardReducer.reduce(&state, .tick(at(seconds)))
            recorder.record(event)
            _ = DashboardReducer.reduce(&state, .monitor(event))
            digest(at: seconds + 0.05)
        }

        mutating func digest(at seconds: Double) {
            _ = DashboardReducer.reduce(&state, .tick(at(seconds)))
            let record = FrameDigestRecord(state: state, view: FrameDigest.View())
            recorder.frameDigest(record.digest, fields: record.fields, at: record.instant)
            digests += 1
        }

        /// Every digest replayed from the records; an issue for each that differs.
        func expectReplayMatches() {
            let checks = ReplayFidelity.check(ReplayScript(records: memory.all))
            #expect(checks.count == digests)
            for check in checks where !check.matches {
                let instant = check.recorded.instant.timeIntervalSince(start)
                Issue.record("the replay differs at +\(instant) s:\n\(check.frame.textLines.prefix(5).joined(separator: "\n"))")
            }
        }
    }

    @Test func aProblemThatChangesIsNotReplayedAsAnAnswerInBetween() throws {
        var live = try LiveRecording()
        var other = Self.protection
        other.taskArn = "arn:aws:ecs:r:1:task/c/b"
        live.take(Self.answer(.protection(Self.protection), at: 0.5, target: 0), at: 0.5)
        live.take(Self.answer(.protection(other), at: 0.6, target: 1), at: 0.6)
        // The agent goes down: task-a's request is cut off, task-b's next one refused.
        live.take(Self.answer(.transport(.connectionReset), at: 2.5, target: 0), at: 2.5)
        live.take(Self.answer(.transport(.connectionRefused), at: 2.6, target: 1), at: 2.6)
        // task-a's next request is refused too: its problem changes.
        live.take(Self.answer(.transport(.connectionRefused), at: 4.5, target: 0), at: 4.5)
        live.digest(at: 5.0)
        live.digest(at: 6.9)

        #expect(live.memory.all.contains { $0.kind == .errorEnded && $0.fields["code"] == "ConnectionReset" },
                "task-a's change of problem is recorded as the old one ending")
        live.expectReplayMatches()
    }

    @Test func aFailedPutIsTheActionsOutcomeNotAReadProblem() throws {
        var live = try LiveRecording()
        live.take(Self.answer(.protection(Self.protection), at: 0.5, target: 0), at: 0.5)
        let change = ProtectionChange.unprotect
        live.take(.requestStarted(target: 0, request: .put(change), at: Self.at(1)), at: 1)
        let refused = ProtectionResult.error(AgentError(code: "AccessDeniedException", message: "not allowed", arn: nil))
        live.take(.responded(target: 0, request: .put(change), response: ProtectionResponse(
            result: refused, httpStatus: 400, serverDate: nil, sentAt: Self.at(1), receivedAt: Self.at(1.2))), at: 1.2)
        live.take(Self.answer(.protection(Self.protection), at: 2.5, target: 0), at: 2.5)
        live.digest(at: 4)

        #expect(live.memory.all.contains { $0.kind == .errorStarted && $0.fields["code"] == "AccessDeniedException" },
                "the failed PUT's code is recorded as an error starting too")
        live.expectReplayMatches()
    }
}
