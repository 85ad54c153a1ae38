import Foundation
import ProtectionCore
import Testing
@testable import GameDay

@Suite struct KeepProtectedPolicyTests {
    let start = Date(timeIntervalSince1970: 1_893_456_000)

    @Test func leadIsAQuarterOrFiveMinutesButAtMostHalf() {
        #expect(KeepProtectedPolicy(periodMinutes: 120).lead == 30 * 60)
        #expect(KeepProtectedPolicy(periodMinutes: 2880).lead == 720 * 60)
        #expect(KeepProtectedPolicy(periodMinutes: 20).lead == 5 * 60)
        #expect(KeepProtectedPolicy(periodMinutes: 10).lead == 5 * 60)
        #expect(KeepProtectedPolicy(periodMinutes: 2).lead == 60)
        #expect(KeepProtectedPolicy(periodMinutes: 1).lead == 30)
    }

    @Test func renewsWhenTheLeadIsReached() {
        let policy = KeepProtectedPolicy(periodMinutes: 120)
        #expect(policy.decide(KeepProtectedState(), now: start) == .renewNow)
        let state = KeepProtectedState(expiresAt: start.addingTimeInterval(7200))
        #expect(policy.decide(state, now: start) == .wait(until: start.addingTimeInterval(5400)))
        #expect(policy.decide(state, now: start.addingTimeInterval(5399)) == .wait(until: start.addingTimeInterval(5400)))
        #expect(policy.decide(state, now: start.addingTimeInterval(5400)) == .renewNow)
        // Already past the expiry (a laptop that slept): renew at once.
        #expect(policy.decide(state, now: start.addingTimeInterval(9000)) == .renewNow)
    }

    @Test func neverTwoRenewalsInFlight() {
        let policy = KeepProtectedPolicy(periodMinutes: 10)
        var state = KeepProtectedState()
        #expect(policy.decide(state, now: start) == .renewNow)
        state.renewalSent()
        for offset in [0.0, 60, 3600] {
            #expect(policy.decide(state, now: start.addingTimeInterval(offset)) == .waitForPending)
        }
        state.renewalConfirmed(expiresAt: start.addingTimeInterval(600))
        #expect(state.renewals == 1)
        #expect(policy.decide(state, now: start) == .wait(until: start.addingTimeInterval(300)))
    }

    @Test func failuresBackOffExponentiallyUpToTwoMinutes() {
        let policy = KeepProtectedPolicy(periodMinutes: 10)
        #expect((1...7).map { policy.backoff(afterFailures: $0) } == [5, 10, 20, 40, 80, 120, 120])
        var state = KeepProtectedState(expiresAt: start.addingTimeInterval(100))
        var now = start
        var attempts: [TimeInterval] = []
        // Every attempt fails: the attempts are spaced by the back-off, even with the expiry near.
        while now < start.addingTimeInterval(400) {
            switch policy.decide(state, now: now) {
            case .renewNow:
                attempts.append(now.timeIntervalSince(start))
                state.renewalSent()
                state.renewalFailed(at: now)
            case .wait(let until): now = until
            case .waitForPending, .paused: Issue.record("nothing is pending or paused"); return
            }
        }
        #expect(attempts == [0, 5, 15, 35, 75, 155, 275, 395])
        #expect(state.expiresAt == start.addingTimeInterval(100), "a failure keeps the last confirmed expiry")
        state.renewalSent()
        state.renewalConfirmed(expiresAt: start.addingTimeInterval(1000))
        #expect(state.consecutiveFailures == 0 && policy.decide(state, now: now) == .wait(until: start.addingTimeInterval(700)))
    }
}

@Suite struct LapseAlertPolicyTests {
    let start = Date(timeIntervalSince1970: 1_893_456_000)

    @Test func alertsOnceOnEnteringTheWindowThenOnceOnTheLapse() {
        var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        let expiry = start.addingTimeInterval(900)
        #expect(watch.observe(enabled: true, expiresAt: expiry, now: start) == [])
        #expect(watch.tick(now: start.addingTimeInterval(299)) == [])
        #expect(!watch.isLapsingSoon(now: start.addingTimeInterval(299)))
        #expect(watch.tick(now: start.addingTimeInterval(300)) == [.expiring(remaining: 600)])
        #expect(watch.isLapsingSoon(now: start.addingTimeInterval(300)))
        #expect(watch.tick(now: start.addingTimeInterval(301)) == [])
        #expect(watch.observe(enabled: true, expiresAt: expiry, now: start.addingTimeInterval(500)) == [])
        #expect(watch.tick(now: start.addingTimeInterval(900)) == [.lapsed])
        #expect(watch.tick(now: start.addingTimeInterval(901)) == [])
        // The agent confirms it later: no second alert.
        #expect(watch.observe(enabled: false, expiresAt: nil, now: start.addingTimeInterval(903)) == [])
        #expect(!watch.expectedProtected)
    }

    @Test func hasWorkSaysExactlyWhenATickChangesTheWatch() {
        // Seen outside the window, inside it, renewed, unprotected on purpose and lapsed: at every
        // second, a tick changes the watch or alerts exactly when hasWork said it would.
        let answers: [(at: TimeInterval, enabled: Bool, expiry: TimeInterval?)] = [
            (0, true, 900), (400, true, 900), (700, true, 2000), (1000, false, nil), (1100, true, 1400), (1500, true, 1600),
        ]
        var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        var ticksWithWork = 0
        for second in 0...1800 {
            let now = start.addingTimeInterval(Double(second))
            for answer in answers where answer.at == Double(second) {
                if !answer.enabled, second == 1000 { watch.unprotectedOnPurpose() }
                _ = watch.observe(enabled: answer.enabled, expiresAt: answer.expiry.map(start.addingTimeInterval), now: now)
            }
            let before = watch
            let predicted = watch.hasWork(at: now)
            let alerts = watch.tick(now: now)
            #expect(predicted == (!alerts.isEmpty || watch != before), "at +\(second) s")
            if predicted { ticksWithWork += 1 }
        }
        #expect(ticksWithWork >= 4, "arming, expiring and lapse ticks were all visited")
    }

    @Test func theAgentSayingNotProtectedAtTheExpiryIsALapse() {
        var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: 60))
        let expiry = start.addingTimeInterval(120)
        _ = watch.observe(enabled: true, expiresAt: expiry, now: start)
        // Within the tolerance before the expiry (clock offsets are estimates).
        #expect(watch.observe(enabled: false, expiresAt: nil, now: start.addingTimeInterval(119)) == [.lapsed])
    }

    @Test func anUnprotectIsNotALapse() {
        var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        _ = watch.observe(enabled: true, expiresAt: start.addingTimeInterval(3600), now: start)
        #expect(watch.observe(enabled: false, expiresAt: nil, now: start.addingTimeInterval(60)) == [])
        var purposeful = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        _ = purposeful.observe(enabled: true, expiresAt: start.addingTimeInterval(30), now: start)
        purposeful.unprotectedOnPurpose()
        #expect(purposeful.tick(now: start.addingTimeInterval(40)) == [])
    }

    @Test func aRenewalReArmsBothAlerts() {
        var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        // First seen inside the window: EXPIRING, but no ring (it never entered the window while watched).
        #expect(watch.observe(enabled: true, expiresAt: start.addingTimeInterval(300), now: start) == [])
        #expect(watch.isLapsingSoon(now: start))
        #expect(watch.observe(enabled: true, expiresAt: start.addingTimeInterval(4000), now: start.addingTimeInterval(100)) == [])
        #expect(watch.tick(now: start.addingTimeInterval(3400)) == [.expiring(remaining: 600)])
        #expect(watch.tick(now: start.addingTimeInterval(4000)) == [.lapsed])
    }

    /// A dashboard sleeps until the instant the next alert is due: ticking exactly then raises it,
    /// and a tick just before raises nothing.
    @Test func nextAlertInstantIsWhenTheNextTickRaisesAnAlert() {
        var watch = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        #expect(watch.nextAlertInstant == nil)
        let expiry = start.addingTimeInterval(900)
        _ = watch.observe(enabled: true, expiresAt: expiry, now: start)
        let windowStart = expiry.addingTimeInterval(-600)
        #expect(watch.nextAlertInstant == windowStart)
        #expect(watch.tick(now: windowStart.addingTimeInterval(-0.001)) == [])
        #expect(watch.tick(now: windowStart) == [.expiring(remaining: 600)])
        #expect(watch.nextAlertInstant == expiry)
        #expect(watch.tick(now: expiry.addingTimeInterval(-0.001)) == [])
        #expect(watch.tick(now: expiry) == [.lapsed])
        #expect(watch.nextAlertInstant == nil)
        // First seen inside the window: no ring on entering it, so the lapse is the next alert.
        var late = LapseWatch(policy: LapseAlertPolicy(alertBefore: 600))
        _ = late.observe(enabled: true, expiresAt: start.addingTimeInterval(300), now: start)
        #expect(late.nextAlertInstant == start.addingTimeInterval(300))
        late.unprotectedOnPurpose()
        #expect(late.nextAlertInstant == nil)
    }

    @Test func neverSeenProtectedNeverAlerts() {
        var watch = LapseWatch(policy: LapseAlertPolicy())
        #expect(watch.observe(enabled: false, expiresAt: nil, now: start) == [])
        #expect(watch.tick(now: start.addingTimeInterval(10_000)) == [])
    }
}
