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
        #expect(records.map(\.kind) == [.operatorAction, .putSent, .putConfirmed, .state], "\(records.map(\.kind))")
        #expect(records.allSatisfy { $0.label == "web/0f6c1a2b" && $0.taskArn == arn })
        #expect(records.first?.fields["user"] == "ops")
    }

    @Test func endpointLabelsAreKnownFromTheStart() {
        let memory = TimelineMemory()
        let recorder = MonitorTimelineRecorder(labels: ["alpha", "bravo"], sink: memory, user: "ops")
        recorder.record(MonitorEvent.responded(target: 1, request: .get, response: answer(true, arn: "arn:b", at: start)))
        recorder.record(MonitorEvent.responded(target: 2, request: .get, response: answer(true, arn: "arn:c", at: start)))
        #expect(memory.all.map(\.label) == ["bravo"], "a target without a label is not recorded")
    }
}
