@testable import DashboardRuntime
import Dashboard
import Foundation
import GameDay
import ProtectionCore
import Synchronization
import TerminalTestSupport
import TerminalUI
import Testing

/// The ECS drills' intermittent mismatch, made deterministic: an answer stamped as received just
/// before a digest's instant reached the session's inbox only after the loop had drained it for
/// that instant, so the live frame did not show it yet, while a replay that went by arrival did.
///
/// The live side here is the session's own inbox and reducer, turned by hand on a clock the test
/// sets, and the real recorder; the replay side is ``ReplayFidelity`` on the records.
@Suite(.utf8Locale) struct ReplayHandOverTests {
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)
    private static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    private final class ManualClock: SessionClock {
        let time = Mutex(ReplayHandOverTests.start)
        func now() -> Date { time.withLock { $0 } }
        func wallSeconds(until instant: Date) -> TimeInterval? { instant.timeIntervalSince(now()) }
        func set(_ seconds: Double) { time.withLock { $0 = ReplayHandOverTests.at(seconds) } }
    }

    private struct QuietWaker: InputWaker { func wake() {} }

    /// One session turn at `seconds`: drain the inbox, take in what it held, tick at the drain's
    /// instant and record the frame's digest there, as ``DashboardSession`` does.
    private struct Live {
        let clock = ManualClock()
        let inbox: EventInbox
        let memory = TimelineMemory()
        let recorder: MonitorTimelineRecorder
        var state: DashboardState
        var digests = 0

        init() throws {
            inbox = EventInbox(waker: QuietWaker(), clock: clock)
            let endpoints = try ["task-a=http://127.0.0.1:51678"].map { try EndpointParser.parse($0) }
            memory.record(TimelineRecord(time: start, kind: .runStarted, fields: ["command": "demo", "interval": "2.0"]))
            recorder = MonitorTimelineRecorder(labels: endpoints.map(\.displayName), endpoints: endpoints.map(\.agentURI), sink: memory)
            recorder.watching(at: start)
            state = DashboardState(endpoints: endpoints, now: start, width: 120, height: 40, pollInterval: 2)
            _ = DashboardReducer.reduce(&state, .started)
        }

        /// An answer arriving at `arrived`, handed to the inbox at `posted` (the clock then), and
        /// recorded as the session's callback records it.
        func answer(_ result: ProtectionResult, arrived: Double, posted: Double) {
            clock.set(posted)
            let event = MonitorEvent.responded(target: 0, request: .get, response: ProtectionResponse(
                result: result, httpStatus: 200, serverDate: nil, sentAt: at(arrived - 0.01), receivedAt: at(arrived)))
            let taken = inbox.post(.monitor(event))
            recorder.record(event, takenInAt: taken)
        }

        mutating func turn(at seconds: Double) {
            clock.set(seconds)
            let drained = inbox.drain()
            for event in drained.events { _ = DashboardReducer.reduce(&state, event) }
            _ = DashboardReducer.reduce(&state, .tick(drained.at))
            let record = FrameDigestRecord(state: state, view: FrameDigest.View())
            recorder.frameDigest(record.digest, fields: record.fields, at: record.instant)
            digests += 1
        }
    }

    private static func protection(enabled: Bool) -> ProtectionResult {
        .protection(TaskProtection(enabled: enabled, expirationDate: enabled ? at(3600) : nil,
                                   expirationDateText: enabled ? TimelineRecord.timestamp(at(3600)) : nil, taskArn: "arn:aws:ecs:r:1:task/c/a"))
    }

    @Test func anAnswerTakenInAfterADigestIsReplayedAfterItThoughItArrivedBefore() throws {
        var live = try Live()
        live.answer(Self.protection(enabled: true), arrived: 0.5, posted: 0.5)
        live.turn(at: 0.5)
        // The answer arrives at 2.00 s; the loop drains at 2.05 s, before it is handed over at 2.10 s.
        live.turn(at: 2.05)
        live.answer(Self.protection(enabled: false), arrived: 2.0, posted: 2.1)
        live.turn(at: 3.0)
        live.turn(at: 4.0)

        let checks = ReplayFidelity.check(ReplayScript(records: live.memory.all))
        #expect(checks.count == live.digests)
        for check in checks where !check.matches {
            let lines = check.frame.textLines.prefix(6).joined(separator: "\n")
            Issue.record("the replay differs at +\(check.recorded.instant.timeIntervalSince(Self.start)) s:\n\(lines)")
        }
        let shown = try #require(checks.first { abs($0.recorded.instant.timeIntervalSince(Self.at(2.05))) < 0.001 })
        #expect(shown.frame.textLines.joined().contains("1 protected"), "at 2.05 s the screen still showed task-a protected")

        // Without `taken` the replay goes by arrival and shows the unprotect at 2.05 s: the
        // field is what makes the instant match.
        let withoutTaken = live.memory.all.map { record in
            var record = record
            record.fields["taken"] = nil
            return record
        }
        let older = ReplayFidelity.check(ReplayScript(records: withoutTaken))
        #expect(older.filter { !$0.matches }.count == 1, "by arrival alone, the 2.05 s instant differs")
    }

    @Test func theInboxStampsEveryPostAtOrBeforeTheDrainThatTakesIt() throws {
        let clock = ManualClock()
        let inbox = EventInbox(waker: QuietWaker(), clock: clock)
        clock.set(1)
        let first = inbox.post(.tick(Self.at(1)))
        clock.set(2)
        let drained = inbox.drain()
        clock.set(3)
        let second = inbox.post(.tick(Self.at(3)))
        #expect(first == Self.at(1) && drained.at == Self.at(2) && second == Self.at(3))
        #expect(drained.events.count == 1 && first <= drained.at && second > drained.at)
        #expect(inbox.drain().events.count == 1)
    }
}
