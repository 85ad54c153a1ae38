import Foundation
import ProtectionCore
import Testing
@testable import Dashboard

/// Clock times across daylight-saving changes: the offsets found by sampling a zone (here
/// Foundation's New York, with the time-zone database) change on the very second the zone does,
/// and an expiry on the other side of a change is shown in the offset of its own instant.
@Suite struct LocalTimeOffsetsTests {
    static let newYork = TimeZone(identifier: "America/New_York")!
    /// 2026-03-08 07:00:00 UTC: New York's clocks go from 02:00 EST to 03:00 EDT.
    static let springForward = Date(timeIntervalSince1970: 1_772_953_200)
    /// 2026-11-01 06:00:00 UTC: from 02:00 EDT back to 01:00 EST.
    static let fallBack = Date(timeIntervalSince1970: 1_793_512_800)
    static let year2026 = (Date(timeIntervalSince1970: 1_767_225_600), Date(timeIntervalSince1970: 1_798_761_600))

    static func offsets() -> LocalTimeOffsets {
        LocalTimeOffsets(sampling: { newYork.secondsFromGMT(for: $0) }, from: year2026.0, through: year2026.1)
    }

    @Test func samplingFindsEachChangeToTheSecond() {
        let offsets = Self.offsets()
        #expect(offsets.spans == [
            .init(start: Self.year2026.0, seconds: -5 * 3600),
            .init(start: Self.springForward, seconds: -4 * 3600),
            .init(start: Self.fallBack, seconds: -5 * 3600),
        ])
        #expect(Self.newYork.nextDaylightSavingTimeTransition(after: Self.year2026.0) == Self.springForward)
        #expect(offsets.secondsFromGMT(for: Self.springForward.addingTimeInterval(-1)) == -5 * 3600)
        #expect(offsets.secondsFromGMT(for: Self.springForward) == -4 * 3600)
        #expect(offsets.secondsFromGMT(for: Self.fallBack.addingTimeInterval(-0.5)) == -4 * 3600)
        #expect(offsets.secondsFromGMT(for: Self.fallBack) == -5 * 3600)
        // Outside what was sampled, the nearest offset holds.
        #expect(offsets.secondsFromGMT(for: .distantPast) == -5 * 3600 && offsets.secondsFromGMT(for: .distantFuture) == -5 * 3600)
        #expect(LocalTimeOffsets(spans: []) == .utc && LocalTimeOffsets.utc.secondsFromGMT(for: Self.springForward) == 0)
    }

    @Test func anExpiryAcrossTheChangeShowsItsOwnOffset() {
        // 01:00 EST; one task expires at 01:30 EST, one two hours on, at 04:00 EDT.
        let now = Self.springForward.addingTimeInterval(-3600)
        var state = DashboardState(endpoints: [Fixtures.endpoint("a", id: "a"), Fixtures.endpoint("b", id: "b")], now: now,
                                   timeZone: Self.offsets(), width: 100, height: 24)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 30, from: now), at: now)
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: true, minutesLeft: 120, from: now), at: now)
        let lines = DashboardRenderer.render(state).textLines
        #expect(lines[3].contains("30m00s    01:30:00"), "\(lines[3])")
        #expect(lines[4].contains("2h00m00s  04:00:00"), "\(lines[4])")
    }

    @Test func aLocalClockTimeBecomesItsInstant() {
        let offsets = Self.offsets()
        // 2026-03-08: 01:30 EST; 02:30 does not exist (as a calendar does: the instant it would be under EST); 03:30 EDT.
        let marchMidnight = Self.springForward.timeIntervalSince1970 - 7 * 3600
        #expect(offsets.instant(atLocal: marchMidnight + 1.5 * 3600).timeIntervalSince1970 == marchMidnight + 6.5 * 3600)
        #expect(offsets.instant(atLocal: marchMidnight + 2.5 * 3600).timeIntervalSince1970 == marchMidnight + 7.5 * 3600)
        #expect(offsets.instant(atLocal: marchMidnight + 3.5 * 3600).timeIntervalSince1970 == marchMidnight + 7.5 * 3600)
        // 2026-11-01: 01:30 happens twice; the first is in EDT.
        let novemberMidnight = Self.fallBack.timeIntervalSince1970 - 6 * 3600
        #expect(offsets.instant(atLocal: novemberMidnight + 1.5 * 3600).timeIntervalSince1970 == novemberMidnight + 5.5 * 3600)
        #expect(offsets.instant(atLocal: novemberMidnight + 3 * 3600).timeIntervalSince1970 == novemberMidnight + 8 * 3600)
    }

    @Test func aReplayJumpsToTheClockTimeOnTheDrillsNextDayAcrossTheChange() throws {
        // A drill from 21:00 EST on 7 March to 05:00 EDT on 8 March.
        let replay = ReplayStatus(cursor: Self.springForward, start: Self.springForward.addingTimeInterval(-5 * 3600),
                                  end: Self.springForward.addingTimeInterval(3 * 3600), paused: true, speed: 1, played: 0, total: 1)
        let offsets = Self.offsets()
        #expect(replay.instant(atClock: 4 * 3600, in: offsets) == Self.springForward.addingTimeInterval(3600))
        #expect(replay.instant(atClock: 1 * 3600, in: offsets) == Self.springForward.addingTimeInterval(-3600))
        #expect(replay.instant(atClock: 22 * 3600, in: offsets) == Self.springForward.addingTimeInterval(-4 * 3600))
        #expect(replay.instant(atClock: 12 * 3600, in: offsets) == nil)
        let clock = try #require(replay.instant(atClock: 4 * 3600, in: offsets))
        #expect(TimeText.clock(clock, in: offsets) == "04:00:00")
    }
}
