import Dashboard
import Foundation
import ProtectionCore
import TerminalUI
import TerminalTestSupport
import Testing

/// Whole frames compared with the text files under `Goldens/` (see ``GoldenFrame``).
@Suite(.utf8Locale) struct GoldenFrameTests {
    static let sizes = [(80, 24), (120, 40)]

    private func check(_ name: String, _ build: (Int, Int) -> DashboardState,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        GoldenFrame.check(name, sizes: Self.sizes, sourceLocation: sourceLocation, build)
    }

    @Test func demoFirstFrame() {
        check("first-frame") { Fixtures.demoState(width: $0, height: $1) }
    }

    @Test func readOnlyFrame() {
        check("read-only") { width, height in
            var state = Fixtures.demoState(width: width, height: height, readOnly: true, demo: false)
            Fixtures.press(&state, .character("p"))
            return state
        }
    }

    @Test func helpOverlay() {
        check("help") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character("?"))
            return state
        }
    }

    @Test func minutesPromptWithInvalidValue() {
        check("minutes-invalid") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character("m"))
            Fixtures.type(&state, "3000")
            return state
        }
    }

    @Test func unprotectConfirmation() {
        check("unprotect-confirm") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character(" "), .character(" "), .character(" "), .character("u"))
            return state
        }
    }

    @Test func failureAndErrorRows() {
        check("failures") { width, height in
            var state = Fixtures.state(labels: ["not-valid", "no-detail", "throttled", "canceled", "server",
                                                "rate-limit", "refused", "bad-json"], width: width, height: height)
            let at = Fixtures.t0.addingTimeInterval(-5)
            Fixtures.answer(&state, 0, Fixtures.taskNotValid, at: at)
            Fixtures.answer(&state, 1, .failure(ProtectionFailure(arn: nil, reason: "TASK_NOT_VALID", detail: nil)), at: at)
            Fixtures.answer(&state, 2, Fixtures.throttled, status: 400, at: at)
            Fixtures.answer(&state, 3, .error(AgentError(code: "RequestCanceled", message: "Timed out calling ECS Task Protection API")),
                            status: 504, at: at)
            Fixtures.answer(&state, 4, .error(AgentError(code: "ServerException", message: "Unexpected error occurred")),
                            status: 500, at: at)
            Fixtures.answer(&state, 5, .rateLimited(message: "You have reached maximum request limit."), status: 429, at: at)
            Fixtures.answer(&state, 6, .transport(.connectionRefused), status: nil, at: at)
            Fixtures.answer(&state, 7, .transport(.unexpectedResponse("body is not JSON")), status: 200, at: at)
            Fixtures.press(&state, .character("j"), .character("j"))
            return state
        }
    }

    @Test func staleAndLapsedRows() {
        check("stale") { width, height in
            var state = Fixtures.state(labels: ["fresh", "stale-protected", "stale-unprotected", "lapsed", "expiring"],
                                       width: width, height: height)
            let now = Fixtures.t0.addingTimeInterval(600)
            Fixtures.answer(&state, 0, Fixtures.protection(0, enabled: true, minutesLeft: 60, from: now), at: now)
            Fixtures.answer(&state, 1, Fixtures.protection(1, enabled: true, minutesLeft: 90), at: Fixtures.t0)
            Fixtures.answer(&state, 2, Fixtures.protection(2, enabled: false), at: now.addingTimeInterval(-7))
            // Read at t0 with 9.5 minutes left: the countdown reached zero 30 s ago, unread since.
            Fixtures.answer(&state, 3, Fixtures.protection(3, enabled: true, minutesLeft: 9.5), at: Fixtures.t0)
            Fixtures.answer(&state, 4, Fixtures.protection(4, enabled: true, minutesLeft: 19.5), at: now.addingTimeInterval(-2))
            // The header shows the agent's clock; rows count by each answer's own clocks.
            _ = DashboardReducer.reduce(&state, .monitor(.clockOffsetChanged(3)))
            _ = DashboardReducer.reduce(&state, .tick(now))
            // Sorted by remaining time: `<` steps back from label past problem and last answer.
            Fixtures.press(&state, .character("<"), .character("<"), .character("<"))
            return state
        }
    }

    @Test func detailPane() {
        check("detail") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            // Select "ingest" (the throttled task), protect it for 30 minutes and let the PUT fail.
            Fixtures.press(&state, .home, .character("m"))
            Fixtures.type(&state, "30")
            Fixtures.press(&state, .enter, .enter)
            let failedAt = Fixtures.t0.addingTimeInterval(0.4)
            let change = try? ProtectionChange.protect(minutes: 30)
            if let change {
                Fixtures.answer(&state, 6, Fixtures.throttled, status: 400, at: failedAt, request: .put(change))
            }
            _ = DashboardReducer.reduce(&state, .faultChanged(target: 6, kind: "throttle"))
            _ = DashboardReducer.reduce(&state, .tick(Fixtures.t0.addingTimeInterval(1)))
            return state
        }
    }

    @Test func pendingRowsAndFaultMenu() {
        check("fault-menu") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character("a"), .character("p"), .character("f"), .down)
            return state
        }
    }

    @Test func filterInput() {
        check("filter") { width, height in
            var state = Fixtures.demoState(width: width, height: height)
            Fixtures.press(&state, .character("/"))
            // Lower case: a capital would make the match case-sensitive.
            Fixtures.type(&state, "web")
            return state
        }
    }

    @Test func tooSmallTerminal() {
        for (width, height) in [(59, 24), (80, 11), (20, 6)] {
            let frame = DashboardRenderer.render(Fixtures.demoState(width: width, height: height))
            GoldenFrame.check(frame, "too-small-\(width)x\(height)")
        }
    }

    @Test func wideLabelsStayAligned() {
        let frame = DashboardRenderer.render(Fixtures.demoState(width: 80, height: 24))
        // Every row's text occupies exactly the frame's width in display columns.
        for line in frame.textLines {
            #expect(DisplayWidth.of(line) == 80)
        }
        let cjkRow = frame.textLines.first { $0.contains("批处理-1") }
        let webRow = frame.textLines.first { $0.contains("web-1") }
        let stateColumn = { (line: String) -> Int? in
            guard let range = line.range(of: "UNKNOWN") ?? line.range(of: "PROTECTED") else { return nil }
            return DisplayWidth.of(String(line[..<range.lowerBound]))
        }
        #expect(cjkRow.flatMap(stateColumn) == webRow.flatMap(stateColumn))
    }
}
