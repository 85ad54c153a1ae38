import FoundationEssentials
import ProtectionCore

/// Writes what `protect --keep`'s loop did as timeline records: each renewal sent, confirmed or
/// failed (by "keep", not by an operator), and each unprotect by someone else as an alert.
public struct KeepLoopRecorder: Sendable {
    private let sink: any TimelineSink

    /// Records into `sink`.
    public init(sink: any TimelineSink) { self.sink = sink }

    /// Records `event`.
    public func record(_ event: KeepLoopEvent) {
        switch event {
        case .renewalSent(let endpoint, let arn, let time, let minutes):
            sink.record(TimelineRecord(time: time, taskArn: arn, label: endpoint.label, kind: .putSent,
                                       fields: ["by": "keep", "intent": "protect", "minutes": String(minutes)]))
        case .renewed(let endpoint, let arn, let time, let until, let next, let ahead):
            var fields = ["by": "keep", "state": "protected", "expires": TimelineRecord.timestamp(until),
                          "next": TimelineRecord.timestamp(next)]
            if let ahead { fields["agentClockAhead"] = String(Int(ahead.rounded())) }
            sink.record(TimelineRecord(time: time, taskArn: arn, label: endpoint.label, kind: .putConfirmed, fields: fields))
        case .renewalFailed(let endpoint, let arn, let time, let reason, let retry):
            sink.record(TimelineRecord(time: time, taskArn: arn, label: endpoint.label, kind: .putFailed,
                                       fields: ["by": "keep", "reason": reason, "retry": TimelineRecord.timestamp(retry)]))
        case .unprotectedBySomeoneElse(let endpoint, let arn, let time, let paused):
            sink.record(TimelineRecord(time: time, taskArn: arn, label: endpoint.label, kind: .alert, fields: [
                "alert": paused ? "keep-paused" : "unprotected-while-kept", "keep": paused ? "paused" : "re-protect",
            ]))
        }
    }
}
