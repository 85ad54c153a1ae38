import Foundation
import ProtectionCore
import Testing
@testable import GameDay

/// The dashboard's `--events` recorder, for endpoints (labels known at start) and for a source
/// that finds its tasks later (the ECS API).
@Suite struct MonitorTimelineRecorderTests {
    let start = Date(timeIntervalSince1970: 1_893_456_000)

    private func answer(_ enabled: Bool, arn: String, at time: Date) -> ProtectionResponse {
        let protection = TaskProtection(enabled: enabled, expirationDate: enabled ? time.addingTimeInterval(3600) : nil, taskArn: arn)
        return ProtectionResponse(result: .protection(protection), httpStatus: 200, serverDate: time,
                                  sentAt: time.addingTimeInterval(-0.01), receivedAt: time)
    }

    @Test func tasksFoundLaterAreRecordedWithTheirLabelsFromThenOn() throws {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: [], sink: memory, user: "ops")
        let arn = "arn:aws:ecs:us-west-2:111122223333:task/demo/0f6c1a2b"
        // Before the source reports the task, its answers have no label to carry: nothing is written.
        recorder.record(TaskSourceEvent.monitor(.responded(target: 7, request: .get, response: answer(false, arn: arn, at: start))))
        #expect(memory.all.isEmpty)
        recorder.record(TaskSourceEvent.targetsAdded([SourceTarget(id: 7, label: "web/0f6c1a2b", taskArn: arn)]))
        recorder.operatorAction("protect 120m", targets: [7], at: start.addingTimeInterval(1))
        let change = try ProtectionChange.protect()
        recorder.record(TaskSourceEvent.monitor(.requestStarted(target: 7, request: .put(change), at: start.addingTimeInterval(1))))
        recorder.record(TaskSourceEvent.monitor(.responded(target: 7, request: .put(change),
                                                           response: answer(true, arn: arn, at: start.addingTimeInterval(2)))))
        let records = memory.all
        #expect(records.map(\.kind) == [.taskAdded, .operatorAction, .putSent, .putConfirmed, .state], "\(records.map(\.kind))")
        #expect(records.first?.fields["id"] == "7")
        #expect(records.allSatisfy { $0.label == "web/0f6c1a2b" && $0.taskArn == arn })
        #expect(records.of(.operatorAction).first?.fields["user"] == "ops")
    }

    @Test func endpointLabelsAreKnownFromTheStart() {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: ["alpha", "bravo"], sink: memory, user: "ops")
        recorder.record(MonitorEvent.responded(target: 1, request: .get, response: answer(true, arn: "arn:b", at: start)))
        recorder.record(MonitorEvent.responded(target: 2, request: .get, response: answer(true, arn: "arn:c", at: start)))
        #expect(memory.all.map(\.label) == ["bravo", "bravo"], "a target without a label is not recorded")
        // An endpoint is announced with its target id at its first answer, which names its ARN.
        #expect(memory.all.map(\.kind) == [.taskAdded, .state])
        #expect(memory.all.first?.fields["id"] == "1" && memory.all.first?.taskArn == "arn:b")
    }

    @Test func repeatedAnswersAreOnlyCountedIntoAHeartbeatAtMostOnceASecond() {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: ["a", "b", "c", "d"], sink: memory, user: "ops")
        let protection = TaskProtection(enabled: true, expirationDate: start.addingTimeInterval(600), taskArn: "arn:x")
        func answer(_ target: TargetID, at seconds: Double, _ result: ProtectionResult = .protection(TaskProtection(enabled: false, expirationDate: nil, taskArn: "arn:x"))) {
            let time = start.addingTimeInterval(seconds)
            recorder.record(MonitorEvent.responded(target: target, request: .get, response: ProtectionResponse(
                result: result, httpStatus: 200, serverDate: time, sentAt: time, receivedAt: time)))
        }
        // First answers are news; then ten rounds of the same answers, a fifth of a second apart.
        for target in 0..<4 { answer(target, at: 0) }
        for round in 1...10 { for target in 0..<4 { answer(target, at: Double(round) / 5) } }
        // An expiry that moves is news, not a heartbeat.
        answer(2, at: 2.1, .protection(protection))
        recorder.flush(at: start.addingTimeInterval(3))
        let records = memory.all
        #expect(records.of(.taskAdded).count == 4)
        #expect(records.of(.state).count == 5)
        let beats = records.of(.heartbeat)
        // One at 1.2 s for the answers since 0.2 s, one when the session ends for the rest.
        #expect(beats.map(\.time) == [start.addingTimeInterval(1.2), start.addingTimeInterval(3)], "\(beats.map(\.fields))")
        #expect(beats.first?.fields["ids"] == "0-3")
        #expect(beats.first?.fields["since"] == TimelineRecord.timestamp(start.addingTimeInterval(0.2)))
        #expect(beats.allSatisfy { TargetRanges.ids($0.fields["ids"] ?? "") == [0, 1, 2, 3] })
        #expect(records.count == 4 + 4 + 1 + 2)
    }

    @Test func keepPressesRenewalsAndAlertsAreRecordedAsSuch() throws {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: ["a", "b"], sink: memory, user: "ops")
        recorder.keepChanged(from: [], to: [0, 1], at: start)
        recorder.keepRenewal(targets: [0], at: start)
        let change = try ProtectionChange.protect(minutes: 10)
        recorder.record(MonitorEvent.requestStarted(target: 0, request: .put(change), at: start))
        let throttled = ProtectionResponse(result: .error(AgentError(code: "ThrottlingException", message: "Rate exceeded")),
                                           httpStatus: 400, serverDate: nil, sentAt: start, receivedAt: start.addingTimeInterval(0.1))
        recorder.record(MonitorEvent.responded(target: 0, request: .put(change), response: throttled))
        // The operator's own PUT afterwards is the operator's again.
        recorder.record(MonitorEvent.requestStarted(target: 0, request: .put(change), at: start.addingTimeInterval(1)))
        recorder.keepChanged(from: [0, 1], to: [1], at: start.addingTimeInterval(2))
        recorder.alert(.expiring(remaining: 299.6), target: 1, at: start.addingTimeInterval(3))
        recorder.alert(.lapsed, target: 1, at: start.addingTimeInterval(4))
        let records = memory.all
        #expect(records.of(.operatorAction).map { "\($0.label ?? "") \($0.fields["action"] ?? "")" } == ["a keep on", "b keep on", "a keep off"])
        #expect(records.of(.putSent).map { $0.fields["by"] } == ["keep", "operator"])
        #expect(records.of(.putFailed).map { $0.fields["by"] ?? "" + ($0.fields["reason"] ?? "") } == ["keep"])
        #expect(records.of(.putFailed).first?.fields["reason"] == "ThrottlingException")
        #expect(records.of(.alert).map { $0.fields } == [["alert": "expiring", "remaining": "300"], ["alert": "lapsed"]])
        #expect(records.of(.lapse).isEmpty, "a dashboard alerts; the lapse itself is the world's to record")
        recorder.agentAvailability(down: true, at: start.addingTimeInterval(5))
        recorder.agentAvailability(down: false, at: start.addingTimeInterval(9))
        #expect(TimelineSummary(records: memory.all).agentDown == [.init(start: start.addingTimeInterval(5), end: start.addingTimeInterval(9), open: false)])
    }

    @Test func aFailingDiscoveryIsRecordedOncePerChange() {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: [], sink: memory, user: "ops")
        let denied = AgentError(code: "AccessDeniedException", message: "no")
        for _ in 0..<3 { recorder.record(TaskSourceEvent.discoveryFailed(denied, hint: nil), at: start) }
        recorder.record(TaskSourceEvent.discoveryRecovered, at: start.addingTimeInterval(5))
        recorder.record(TaskSourceEvent.discoveryRecovered, at: start.addingTimeInterval(6))
        #expect(memory.all.map { $0.fields["health"] ?? "" } == ["down", "up"])
        let summary = TimelineSummary(records: memory.all)
        #expect(summary.discoveryDown.map(\.code) == ["AccessDeniedException"])
        #expect(summary.discoveryDown.first?.span.seconds == 5)
    }

    @Test func targetRangesRoundTrip() {
        #expect(TargetRanges.text([0, 1, 2, 3, 7, 9, 10]) == "0-3,7,9-10")
        #expect(TargetRanges.ids("0-3,7,9-10") == [0, 1, 2, 3, 7, 9, 10])
        #expect(TargetRanges.ids("3-1") == nil && TargetRanges.ids("x") == nil && TargetRanges.ids("0-99999999") == nil)
    }
}
