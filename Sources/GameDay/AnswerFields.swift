import FoundationEssentials
import ProtectionCore

/// The fields that let a replay estimate countdowns and answer ages exactly as the live dashboard
/// did (docs/EVENTS.md, "Added within version 1: replay fidelity"). A record's `time` has
/// milliseconds, and an age or a countdown read a millisecond off shows the neighbouring second
/// whenever the screen is drawn near the second it changes, so these times are microseconds since
/// 1970 as integers: when an answer arrived (`received`), when its request left (`sent`), its `Date`
/// header (`date`); for a heartbeat, each repeated answer's arrival and `Date` (`answered`, `dates`);
/// for a `clock` record, the agent clock the dashboard measured. Writing and reading live together.
public enum AnswerFields {
    /// `received`, `sent`, `date` and `http` of one answer.
    static func of(_ response: ProtectionResponse) -> [String: String] {
        var fields = ["received": micros(response.receivedAt), "sent": micros(response.sentAt)]
        if let date = response.serverDate { fields["date"] = micros(date) }
        if let status = response.httpStatus { fields["http"] = String(status) }
        return fields
    }

    /// A heartbeat's `answered` (each answer's arrival, in the order of its `ids`), `dates`
    /// (each answer's `Date` header, empty where it had none) and `taken` (when the dashboard took
    /// each in, empty where it was not said; left out when none was).
    static func heartbeat(_ answers: [RepeatedAnswer]) -> [String: String] {
        var fields = ["answered": answers.map { micros($0.receivedAt) }.joined(separator: ","),
                      "dates": answers.map { $0.serverDate.map(micros) ?? "" }.joined(separator: ",")]
        if answers.contains(where: { $0.takenAt != nil }) {
            fields["taken"] = answers.map { $0.takenAt.map(micros) ?? "" }.joined(separator: ",")
        }
        return fields
    }

    /// A heartbeat's `taken`, one per id (`ids` of them), nil where one is missing or not sane;
    /// nil when the record has none or one that does not fit its ids.
    public static func heartbeatTaken(_ fields: [String: String], ids: Int) -> [Date?]? {
        guard let taken = fields["taken"] else { return nil }
        let instants = taken.split(separator: ",", omittingEmptySubsequences: false).map { instant(String($0)) }
        return instants.count == ids ? instants : nil
    }

    /// A `clock` record's fields: the offset's value at `since`, where it slews to, at what rate,
    /// and a measurement refused as implausible.
    static func clock(_ offset: ClockOffset) -> [String: String] {
        var fields = ["base": String(offset.base), "target": String(offset.target), "rate": String(offset.slewRate),
                      "since": offset.since == .distantPast ? "-" : micros(offset.since)]
        if let rejected = offset.rejectedMeasurement { fields["rejected"] = String(rejected) }
        return fields
    }

    /// `date` as microseconds since 1970.
    public static func micros(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// An instant written by ``micros(_:)``, when it is one (within the years 1970 to 2200).
    public static func instant(_ text: String?) -> Date? {
        guard let text, text.count <= 17, let value = Int64(text), (0...7_258_118_400_000_000).contains(value) else { return nil }
        return Date(timeIntervalSince1970: Double(value) / 1_000_000)
    }

    /// One answer's timing as recorded.
    public struct Timing: Sendable, Equatable {
        public var receivedAt: Date?
        public var sentAt: Date?
        public var serverDate: Date?
        public var httpStatus: Int?
    }

    /// The timing fields of `fields`, each read only when sane (the file is hostile input); nil
    /// for a record written without them.
    public static func timing(_ fields: [String: String]) -> Timing? {
        let timing = Timing(receivedAt: instant(fields["received"]), sentAt: instant(fields["sent"]), serverDate: instant(fields["date"]),
                            httpStatus: fields["http"].flatMap { Int($0) }.flatMap { (100...599).contains($0) ? $0 : nil })
        return timing == Timing() ? nil : timing
    }

    /// A heartbeat's answers, one per id (`ids` of them): when each arrived and its `Date` header.
    /// Nil when the record carries no `answered`, or one that does not fit its ids.
    public static func heartbeatAnswers(_ fields: [String: String], ids: Int) -> [(receivedAt: Date, serverDate: Date?)]? {
        guard let answered = fields["answered"] else { return nil }
        let arrivals = answered.split(separator: ",", omittingEmptySubsequences: false).map { instant(String($0)) }
        let dates = (fields["dates"] ?? "").split(separator: ",", omittingEmptySubsequences: false).map { instant(String($0)) }
        guard arrivals.count == ids else { return nil }
        var answers: [(receivedAt: Date, serverDate: Date?)] = []
        for (index, arrival) in arrivals.enumerated() {
            guard let arrival else { return nil }
            answers.append((arrival, dates.indices.contains(index) ? dates[index] : nil))
        }
        return answers
    }

    /// The agent clock a `clock` record says the dashboard measured; nil for one that is not sane.
    public static func clockOffset(_ fields: [String: String]) -> ClockOffset? {
        let limit = ClockOffsetEstimator.defaultPlausibleLimit * 100
        guard let base = fields["base"].flatMap(Double.init), let target = fields["target"].flatMap(Double.init),
              base.isFinite, target.isFinite, abs(base) <= limit, abs(target) <= limit else { return nil }
        guard let since = fields["since"] == "-" ? Date.distantPast : instant(fields["since"]) else { return nil }
        let rate = fields["rate"].flatMap(Double.init) ?? ClockOffset.defaultSlewRate
        let rejected = fields["rejected"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        return ClockOffset(base: base, target: target, since: since, slewRate: rate, rejectedMeasurement: rejected)
    }
}
