import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The view model reads every lapse watch once and keeps what they say until a watch changes or
/// time goes back. These check that nothing an operator sees or hears changes for it.
@Suite(.utf8Locale) struct LapseWatchSummaryTests {
    /// What the summary rests on: while time goes forward, a watch has work exactly once its next
    /// alert instant is reached, whatever answers and ticks it saw before.
    @Test func aWatchHasWorkExactlyWhenItsNextAlertInstantIsReached() {
        var generator = SeededRandomNumberGenerator(seed: 28)
        let start = Fixtures.t0
        for _ in 0..<400 {
            var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: [60, 300, 600].randomElement(using: &generator)!))
            var now = start
            for _ in 0..<12 {
                now = now.addingTimeInterval(Double.random(in: 0...400, using: &generator))
                switch Int.random(in: 0..<5, using: &generator) {
                case 0, 1:
                    let expiry = now.addingTimeInterval(Double.random(in: -30...1200, using: &generator))
                    let period: TimeInterval? = Bool.random(using: &generator) ? Double.random(in: 60...1200, using: &generator) : nil
                    _ = watch.observe(enabled: true, expiresAt: expiry, now: now, period: period)
                case 2: _ = watch.observe(enabled: false, expiresAt: nil, now: now)
                case 3: watch.unprotectedOnPurpose()
                default: _ = watch.tick(now: now)
                }
                for _ in 0..<4 {
                    let later = now.addingTimeInterval(Double.random(in: 0...1500, using: &generator))
                    #expect(watch.hasWork(at: later) == (watch.nextAlertInstant.map { $0 <= later } ?? false))
                }
            }
        }
    }

    /// A session's path (one view model kept and settled after every event) against a view model
    /// whose summary never holds, which visits every watch as before: the same effects, the same
    /// state, the same header counts and background deadline, over random answers and ticks.
    @Test func aSettledViewModelAlertsAndCountsAsAScanDoes() {
        var generator = SeededRandomNumberGenerator(seed: 7)
        for _ in 0..<40 {
            var settled = Fixtures.state(labels: (0..<6).map { "task-\($0)" }, alertBefore: 300)
            var scanned = settled
            var settledModel = DashboardViewModel(settled)
            var scanningModel = DashboardViewModel(scanned)
            var now = Fixtures.t0
            for _ in 0..<60 {
                now = now.addingTimeInterval(Double.random(in: 0...90, using: &generator))
                let event: DashboardEvent
                if Int.random(in: 0..<3, using: &generator) == 0 {
                    let target = Int.random(in: 0..<6, using: &generator)
                    let enabled = Int.random(in: 0..<4, using: &generator) > 0
                    let minutes = Double.random(in: 0.5...12, using: &generator)
                    let result = Fixtures.protection(target, enabled: enabled, minutesLeft: minutes, from: now)
                    event = .monitor(.responded(target: target, request: .get, response: Fixtures.response(result, at: now)))
                } else {
                    event = .tick(now)
                }
                let settledEffects = DashboardReducer.reduce(&settled, event, viewModel: &settledModel)
                settledModel.settle(for: settled)
                let scannedEffects = DashboardReducer.reduce(&scanned, event, viewModel: &scanningModel)
                #expect(settledEffects == scannedEffects)
                #expect(settled == scanned)
                #expect(settledModel.counts(in: settled) == scanningModel.counts(in: scanned))
                #expect(settledModel.counts(in: settled).lapsingSoon == settled.lapsingSoonCount)
                #expect(settledModel.nextBackgroundDeadline(in: settled) == scanned.nextBackgroundDeadline())
            }
        }
    }

    /// The state reads a row as PROTECTED without looking its watch up when the time left is at
    /// least the state's threshold: no watch's window may be wider, whatever length it saw asked.
    @Test func noWatchWindowIsWiderThanTheThresholdItWasMadeWith() throws {
        var generator = SeededRandomNumberGenerator(seed: 11)
        for threshold in [-5.0, 0, 1, 120, 600, 7200] {
            let policy = LapseAlertPolicy(alertBefore: threshold)
            for _ in 0..<200 {
                let period: TimeInterval? = Bool.random(using: &generator) ? Double.random(in: -10...200_000, using: &generator) : nil
                #expect(policy.window(forPeriod: period) <= max(0, threshold))
            }
        }
        var state = Fixtures.state(labels: ["a"], alertBefore: 300)
        // A 10-minute protection asked by a PUT: its window is a quarter of it, 150 s.
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 10),
                        request: .put(try ProtectionChange.protect(minutes: 10)))
        for (seconds, expected) in [(0.0, TaskDisplayState.protected), (449, .protected), (451, .expiringSoon), (599, .expiringSoon)] {
            _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(seconds)))
            #expect(state.protectionState(of: state.tasks[0]) == expected, "at \(seconds) s")
        }
    }

    /// A clock that goes back (a replay jumping to its start) is not read from a summary made later.
    @Test func aClockThatWentBackIsCountedAfresh() {
        var state = Fixtures.state(labels: ["a"], alertBefore: 300)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 10))
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(400)))
        var model = DashboardViewModel(state)
        #expect(model.counts(in: state).lapsingSoon == 1)
        _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(10)), viewModel: &model)
        #expect(model.counts(in: state).lapsingSoon == 0)
        model.settle(for: state)
        #expect(model.counts(in: state).lapsingSoon == 0)
    }
}
