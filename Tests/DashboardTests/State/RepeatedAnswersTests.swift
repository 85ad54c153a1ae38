import Dashboard
import Foundation
import ProtectionCore
import Testing

/// Which monitor events a runtime may leave for the next tick: only GET answers that repeat the
/// target's previous answer.
@Suite struct RepeatedAnswersTests {
    private func get(_ target: Int, _ result: ProtectionResult, status: Int? = 200) -> MonitorEvent {
        .responded(target: target, request: .get, response: Fixtures.response(result, status: status))
    }

    /// Whether each event, in order, was a repeat.
    private func verdicts(_ events: [MonitorEvent]) -> [Bool] {
        var repeats = RepeatedAnswers()
        return events.map { repeats.isRepeat($0) }
    }

    @Test func onlyAnAnswerLikeThePreviousOneIsARepeat() {
        let protected = Fixtures.protection(0, enabled: true, minutesLeft: 30)
        let seen = verdicts([
            get(0, protected),                                                  // first answer: news
            get(0, protected), get(0, protected),                               // repeats
            get(1, protected),                                                  // another target: news
            get(0, Fixtures.protection(0, enabled: true, minutesLeft: 40)),     // a new expiry
            get(0, Fixtures.throttled), get(0, Fixtures.throttled),             // an error, then its repeat
            get(0, Fixtures.throttled, status: 503),                            // another status
            get(0, .transport(.timeout), status: nil),                          // no answer at all
        ])
        #expect(seen == [false, true, true, false, false, false, true, false, false])
    }

    @Test func putsAndStartsAreAlwaysNews() {
        let protected = Fixtures.protection(0, enabled: true, minutesLeft: 30)
        let put = ProtectionRequest.put(Fixtures.defaultProtect)
        let seen = verdicts([
            get(0, protected),
            .responded(target: 0, request: put, response: Fixtures.response(protected)),
            .requestStarted(target: 0, request: .get, at: Fixtures.t0),
            get(0, protected),                                                  // like the PUT's answer
        ])
        #expect(seen == [false, false, false, true])
    }
}
