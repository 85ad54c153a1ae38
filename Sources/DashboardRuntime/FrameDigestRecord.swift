import Dashboard
import FoundationEssentials
import GameDay
import TerminalUI

/// A `frame.digest` record's fields, written by a live dashboard (`--record-frame-digests`) and
/// read back by the replay's fidelity check: the digest, the instant it was taken (microseconds),
/// and the fixed size, sort and filter it was drawn with.
public struct FrameDigestRecord: Sendable, Equatable {
    /// When the frame was drawn, by the dashboard's clock.
    public var instant: Date
    public var view: FrameDigest.View
    /// ``FrameDigest/scheme`` of the process that drew it.
    public var scheme: String
    /// 16 hex digits.
    public var digest: String

    /// How often a live dashboard records a digest unless told otherwise.
    public static let defaultInterval: TimeInterval = 5

    /// The digest of `state` now, drawn as `view`. The instant is the state's clock read as the
    /// record will say it (whole microseconds), so a replay draws at exactly the same instant.
    public init(state: DashboardState, view: FrameDigest.View) {
        instant = AnswerFields.instant(AnswerFields.micros(state.now)) ?? state.now
        self.view = view
        scheme = FrameDigest.scheme
        digest = FrameDigest.digest(of: state, at: instant, view: view)
    }

    /// The record `record` is, when it is a sane `frame.digest` (the file is hostile input).
    public init?(_ record: TimelineRecord) {
        let fields = record.fields
        guard record.kind == .frameDigest, let digest = fields["digest"], digest.count == 16, digest.allSatisfy(\.isHexDigit),
              let instant = AnswerFields.instant(fields["at"]),
              let width = fields["width"].flatMap({ Int($0) }), let height = fields["height"].flatMap({ Int($0) }),
              (1...FrameDigest.maximumSide).contains(width), (1...FrameDigest.maximumSide).contains(height),
              let sort = SortMode(rawValue: fields["sort"] ?? SortMode.label.rawValue) else { return nil }
        self.instant = instant
        self.digest = digest
        scheme = fields["scheme"] ?? ""
        view = FrameDigest.View(width: width, height: height, sortMode: sort, sortDescending: fields["descending"] == "true",
                                filterText: String((fields["filter"] ?? "").prefix(FrameDigestRecord.maximumFilterLength)))
    }

    /// The longest filter a record is believed to carry (a typed filter is far shorter).
    static let maximumFilterLength = 1000

    /// The record's fields, without `digest` (``MonitorTimelineRecorder/frameDigest(_:fields:at:)`` adds it).
    public var fields: [String: String] {
        var fields = ["at": AnswerFields.micros(instant), "scheme": scheme, "width": String(view.width), "height": String(view.height),
                      "sort": view.sortMode.rawValue]
        if view.sortDescending { fields["descending"] = "true" }
        if !view.filterText.isEmpty { fields["filter"] = view.filterText }
        return fields
    }
}
