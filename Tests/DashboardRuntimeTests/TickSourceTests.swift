@testable import DashboardRuntime
import Dashboard
import Foundation
import ProtectionCore
import Synchronization
import TerminalTestSupport
import Testing

/// When the session loop wakes by itself: countdowns stepping close together share one wake-up,
/// each step shown within ±50 ms of its instant; a replay shows nothing early.
@Suite(.utf8Locale) struct TickSourceTests {
    /// 2030-01-01T12:00:00Z.
    private static let t0 = Date(timeIntervalSince1970: 1_893_499_200)

    /// A clock that reads what the test sets.
    private final class ManualClock: SessionClock {
        let time = Mutex(TickSourceTests.t0)
        func now() -> Date { time.withLock { $0 } }
        func wallSeconds(until instant: Date) -> TimeInterval? { instant.timeIntervalSince(now()) }
        func set(_ offset: TimeInterval) { time.withLock { $0 = TickSourceTests.t0.addingTimeInterval(offset) } }
    }

    /// Four protected tasks whose countdowns step 0.30, 0.33, 0.36 and 0.60 s after t0 (answered
    /// at t0, so the first age change is 1.25 s away).
    private static func state() -> DashboardState {
        let endpoints = (0..<4).map { index in
            Endpoint(label: "task-\(index)", agentURI: "http://127.0.0.1:51679/api/t\(index)", scheme: "http", host: "127.0.0.1", port: 51679)
        }
        var state = DashboardState(endpoints: endpoints, now: t0, timeZone: .utc, width: 120, height: 40)
        for (index, fraction) in [0.30, 0.33, 0.36, 0.60].enumerated() {
            let protection = TaskProtection(enabled: true, expirationDate: t0.addingTimeInterval(1800 + fraction),
                                            taskArn: "arn:aws:ecs:us-east-1:123456789012:task/prod/t\(index)")
            let response = ProtectionResponse(result: .protection(protection), httpStatus: 200, serverDate: t0,
                                              sentAt: t0.addingTimeInterval(-0.05), receivedAt: t0)
            _ = DashboardReducer.reduce(&state, .monitor(.responded(target: index, request: .get, response: response)))
        }
        return state
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func offset(_ event: DashboardEvent?) -> Double? {
        guard case .tick(let instant)? = event else { return nil }
        return instant.timeIntervalSince(t0)
    }

    @Test func liveCountdownsWithin65MsShareOneWakeUpShownWithin50MsOfEachInstant() throws {
        let clock = ManualClock()
        var ticks = TickSource(clock: clock, window: .live)
        var state = Self.state()
        // 0.30, 0.33 and 0.36 in one wake-up, 45 ms before the last; the tick shows 0.36.
        let wait = Self.seconds(ticks.timeout(for: state, viewModel: DashboardViewModel(state)))
        #expect(abs(wait - 0.315) < 0.001, "waits \(wait) s")
        clock.set(0.314)
        #expect(ticks.next() == nil, "nothing before the wake-up")
        _ = ticks.timeout(for: state, viewModel: DashboardViewModel(state))
        clock.set(0.316)
        let first = try #require(Self.offset(ticks.next()))
        #expect(abs(first - 0.36) < 0.001)
        for instant in [0.30, 0.33, 0.36] { #expect(abs(0.316 - instant) <= 0.045, "step at \(instant) shown at 0.316") }
        _ = DashboardReducer.reduce(&state, .tick(Self.t0.addingTimeInterval(first)))
        // 0.60 alone: on its instant, never early when nothing shares it.
        let next = Self.seconds(ticks.timeout(for: state, viewModel: DashboardViewModel(state)))
        #expect(abs(next - 0.284) < 0.001, "waits \(next) s from 0.316")
        clock.set(0.601)
        #expect(abs((Self.offset(ticks.next()) ?? 0) - 0.601) < 0.001)
    }

    @Test func aReplayShowsNoStepBeforeItsInstant() throws {
        let clock = ManualClock()
        var ticks = TickSource(clock: clock, window: .replay)
        let state = Self.state()
        // As before: one wake-up for steps within 40 ms, at the later of them, at the clock's time.
        let wait = Self.seconds(ticks.timeout(for: state, viewModel: DashboardViewModel(state)))
        #expect(abs(wait - 0.33) < 0.001, "waits \(wait) s")
        clock.set(0.335)
        #expect(abs((Self.offset(ticks.next()) ?? 0) - 0.335) < 0.001)
    }
}
