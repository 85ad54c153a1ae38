@testable import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// The two header lines are laid out by priority: lower items shorten, then drop; pinned items
/// (an outage, a filter) stay; nothing runs into the badges or the row range.
@Suite(.utf8Locale) struct HeaderLayoutTests {
    static let widths = [80, 100, 120, 160, 200]

    @Test func lowerItemsShortenThenDropAndHigherOnesKeepTheirWords() {
        let items = [
            HeaderItem("AGENT DOWN", role: .error, priority: HeaderItem.always),
            HeaderItem("3 lapsing soon", short: "3 lapsing", role: .expiringSoon, priority: 80),
            HeaderItem("poll every 2s", short: "poll 2s", role: .muted, priority: 20),
            HeaderItem("sort: remaining", role: .muted, priority: 15),
        ]
        let all = HeaderItem.fit(items, width: 200).map(\.text)
        #expect(all == ["AGENT DOWN", "3 lapsing soon", "poll every 2s", "sort: remaining"])
        // "poll" shortens before anything drops; "sort" (lowest, no short form) drops next.
        #expect(HeaderItem.fit(items, width: 54).map(\.text) == ["AGENT DOWN", "3 lapsing soon", "poll 2s", "sort: remaining"])
        #expect(HeaderItem.fit(items, width: 41).map(\.text) == ["AGENT DOWN", "3 lapsing soon", "poll every 2s"])
        #expect(HeaderItem.fit(items, width: 40).map(\.text) == ["AGENT DOWN", "3 lapsing soon", "poll 2s"])
        // Once "sort" has dropped, 30 columns take every other item in its short form.
        #expect(HeaderItem.fit(items, width: 30).map(\.text) == ["AGENT DOWN", "3 lapsing", "poll 2s"])
        // With "poll" dropped as well, the freed room gives "lapsing soon" its words back.
        #expect(HeaderItem.fit(items, width: 26).map(\.text) == ["AGENT DOWN", "3 lapsing soon"])
        #expect(HeaderItem.fit(items, width: 24).map(\.text) == ["AGENT DOWN", "3 lapsing"])
        // The pinned item stays even when nothing else fits.
        #expect(HeaderItem.fit(items, width: 4).map(\.text) == ["AGENT DOWN"])
    }

    @Test func nothingOverlapsTheBadgesOrTheRangeAndOutagesAndTheFilterStay() {
        for width in Self.widths + [60, 70] {
            let lines = DashboardRenderer.render(HeaderStates.drill(width: width)).textLines
            #expect(lines[0].hasSuffix(" DEMO "), "width \(width): \(lines[0])")
            #expect(lines[0].dropLast(6).hasSuffix(" "), "a blank before the badge at \(width): \(lines[0])")
            #expect(lines[1].hasSuffix("  1-19 of 40 "), "width \(width): \(lines[1])")
            #expect(lines[1].contains("AGENT DOWN"), "width \(width): \(lines[1])")
            #expect(lines[1].contains("svc (40/40)"), "the filter at \(width): \(lines[1])")
            #expect(lines[0].contains("40 tasks:"), "width \(width): \(lines[0])")
        }
        for width in Self.widths + [60] {
            let lines = DashboardRenderer.render(HeaderStates.ecsFirstMinute(width: width)).textLines
            #expect(lines[0].hasSuffix(" READ-ONLY "), "width \(width): \(lines[0])")
            #expect(lines[1].contains("discovery failed"), "width \(width): \(lines[1])")
            #expect(lines[1].hasSuffix("  1-19 of 30 "), "width \(width): \(lines[1])")
        }
    }

    @Test func aCutHeaderEndsInAnEllipsis() {
        // At 60 columns even the pinned items' short forms do not all fit.
        let line = DashboardRenderer.render(HeaderStates.drill(width: 60)).textLines[1]
        #expect(line.contains("…"), "\(line)")
    }

    @Test func theShortTitleKeepsEveryBucketSoTheNumbersStillSum() {
        var counts = TaskCounts()
        for state: TaskDisplayState in [.protected, .protected, .unprotected, .lapsed, .unknown] { counts.add(state) }
        let short = HeaderView.countsText(counts, short: true)
        #expect(short == "5 tasks: 2 prot, 1 unprot, 1 lapsed, 1 unkn")
        let numbers = short.split(separator: ":")[1].split(separator: ",").compactMap { Int($0.split(separator: " ")[0]) }
        #expect(numbers.reduce(0, +) == 5)
    }

    @Test func headerGoldensAtEveryWidth() {
        for width in Self.widths {
            GoldenFrame.check(DashboardRenderer.render(HeaderStates.drill(width: width)), "header/drill-\(width)x24")
            GoldenFrame.check(DashboardRenderer.render(HeaderStates.ecsFirstMinute(width: width)), "header/ecs-first-minute-\(width)x24")
        }
    }
}

/// The header's ECS API item: a count in the first minute, a rate after.
@Suite(.utf8Locale) struct CallsInTheHeaderTests {
    @Test func theFirstMinuteShowsTheCountThenTheRate() {
        var state = Fixtures.state(labels: ["a"], width: 120, ecsCluster: "prod")
        _ = DashboardReducer.reduce(&state, .source(.callsCounted(calls: 15, seconds: 12.7)))
        #expect(DashboardRenderer.render(state).textLines[1].contains("ECS API prod: 15 calls in 12 s"))
        _ = DashboardReducer.reduce(&state, .source(.callRateChanged(callsPerMinute: 14.5)))
        let line = DashboardRenderer.render(state).textLines[1]
        #expect(line.contains("ECS API prod: 15 calls/min"), "\(line)")
        #expect(!line.contains(" in 12 s"))
    }
}

/// Pinned items that do not fit share the cut: the widest gives way first.
@Suite struct HeaderCutTests {
    @Test func theWidestPinnedItemIsCutFirstAndNoneBelowEightColumns() {
        #expect(HeaderItem.cutWidths([10, 40, 12], toFit: 100) == [10, 40, 12])
        #expect(HeaderItem.cutWidths([10, 40, 12], toFit: 45) == [10, 19, 12])
        #expect(HeaderItem.cutWidths([10, 40, 12], toFit: 30) == [8, 9, 9])
        #expect(HeaderItem.cutWidths([10, 40, 12], toFit: 10) == [8, 8, 8])
    }
}
