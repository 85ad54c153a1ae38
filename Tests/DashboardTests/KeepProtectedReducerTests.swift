import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// `K` keeps tasks protected: renewals fall due by the policy, go out as PUTs, never twice at once.
@Suite(.utf8Locale) struct KeepProtectedReducerTests {
    private let change: ProtectionChange = {
        guard let change = try? ProtectionChange.protect(minutes: 120) else { preconditionFailure("120 is in range") }
        return change
    }()

    private func press(_ state: inout DashboardState, _ character: Character) -> [DashboardEffect] {
        DashboardReducer.reduce(&state, .key(.character(character)))
    }

    private func tick(_ state: inout DashboardState, _ date: Date) -> [DashboardEffect] {
        DashboardReducer.reduce(&state, .tick(date))
    }

    /// The agent confirms a renewal sent at `date`: 120 minutes from then.
    private func confirm(_ state: inout DashboardState, _ target: Int, at date: Date) -> [DashboardEffect] {
        let response = Fixtures.response(Fixtures.protection(target, enabled: true, minutesLeft: 120, from: date), at: date)
        return DashboardReducer.reduce(&state, .monitor(.responded(target: target, request: .put(change), response: response)))
    }

    @Test func keepingAnUnprotectedTaskProtectsItAtOnceThenRenewsEveryNinetyMinutes() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false))
        #expect(press(&state, "K") == [.renew(change, [0])])
        #expect(state.kept[0] != nil)
        #expect(state.task(0)?.pendingChange == change)
        // Nothing more while the renewal is in flight.
        #expect(tick(&state, Fixtures.t0.addingTimeInterval(30)).isEmpty)
        var now = Fixtures.t0.addingTimeInterval(31)
        #expect(confirm(&state, 0, at: now).isEmpty)
        // Three periods: each renewal 90 minutes after the last (30 minutes left of 120), counted
        // from when the renewal left (50 ms before its answer): the request bounds the protection.
        for period in 1...3 {
            let due = now.addingTimeInterval(90 * 60 - 0.05)
            #expect(state.nextRenewal(of: 0) == due, "period \(period)")
            #expect(tick(&state, due.addingTimeInterval(-1)).isEmpty)
            #expect(tick(&state, due) == [.renew(change, [0])], "period \(period)")
            #expect(tick(&state, due.addingTimeInterval(1)).isEmpty, "never a second renewal in flight")
            now = due.addingTimeInterval(2)
            _ = confirm(&state, 0, at: now)
        }
        #expect(state.kept[0]?.renewals == 4)
    }

    @Test func aTaskWithPlentyLeftIsNotRenewedUntilItsTimeAndFailuresBackOff() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: true, minutesLeft: 100))
        _ = DashboardReducer.reduce(&state, .key(.down))
        #expect(press(&state, "K").isEmpty)
        let due = Fixtures.t0.addingTimeInterval(70 * 60)
        #expect(state.nextRenewal(of: 1) == due)
        #expect(tick(&state, due) == [.renew(change, [1])])
        let throttled = Fixtures.response(Fixtures.throttled, status: 400, at: due)
        _ = DashboardReducer.reduce(&state, .monitor(.responded(target: 1, request: .put(change), response: throttled)))
        #expect(state.kept[1]?.consecutiveFailures == 1)
        #expect(tick(&state, due.addingTimeInterval(4)).isEmpty)
        #expect(tick(&state, due.addingTimeInterval(5)) == [.renew(change, [1])])
    }

    @Test func kAgainOrAnUnprotectStopsKeeping() {
        var state = Fixtures.state(labels: ["a", "b"])
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 100))
        _ = press(&state, "K")
        #expect(state.kept.keys.sorted() == [0])
        _ = press(&state, "K")
        #expect(state.kept.isEmpty)
        _ = press(&state, "K")
        _ = press(&state, "u")
        #expect(state.kept.isEmpty)
    }

    @Test func readOnlyRefusesKeep() {
        var state = Fixtures.state(labels: ["a", "b"], readOnly: true)
        #expect(press(&state, "K").isEmpty)
        #expect(state.kept.isEmpty)
        #expect(state.status?.isError == true)
    }

    @Test func keepWorksOnTheECSAPISourceAndEndsWithTheTask() {
        var state = Fixtures.state(labels: ["a", "b"], ecsCluster: "prod")
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: false))
        #expect(press(&state, "K") == [.renew(change, [0])])
        #expect(state.kept[0]?.renewalPending == true)
        // The ECS API source reports the same answers, wrapped as source events.
        let now = Fixtures.t0.addingTimeInterval(5)
        let response = Fixtures.response(Fixtures.protection(0, enabled: true, minutesLeft: 120, from: now), at: now)
        _ = DashboardReducer.reduce(&state, .source(.monitor(.responded(target: 0, request: .put(change), response: response))))
        #expect(state.kept[0]?.renewalPending == false)
        #expect(state.kept[0]?.renewals == 1)
        #expect(state.nextRenewal(of: 0) == now.addingTimeInterval(90 * 60 - 0.05), "bounded by when the PUT left")
        // A task that stopped is no longer kept.
        _ = DashboardReducer.reduce(&state, .source(.targetsGone([0])))
        #expect(state.kept.isEmpty)
    }

    @Test func aKeptRowShowsItsMarkAndTheHeaderTheNextRenewal() {
        var state = Fixtures.state(labels: ["a", "b"], width: 100)
        Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 100))
        _ = press(&state, "K")
        let screen = DashboardRenderer.render(state).textLines.joined(separator: "\n")
        #expect(screen.contains("1 kept, next renewal 13:10:00"), "\(screen)")
        #expect(screen.split(separator: "\n").contains { $0.hasPrefix(">  K") || $0.hasPrefix("> K") || $0.contains("K a ") }, "\(screen)")
    }
}
