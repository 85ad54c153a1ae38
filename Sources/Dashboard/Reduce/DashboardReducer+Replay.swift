import FoundationEssentials

/// The replay's own state changes: a jump to a typed time, and starting the record over.
extension DashboardReducer {
    /// Enter in the time prompt: `HH:MM:SS` (or `HH:MM`) on the drill's clock, in the screen's
    /// time zone, becomes a jump; a time the drill does not span is said and nothing moves.
    static func submitTime(in state: inout DashboardState) -> [DashboardEffect] {
        guard case .replayTimePrompt(let text) = state.overlay else { return [] }
        state.overlay = .none
        guard let seconds = secondsOfDay(text) else {
            state.status = StatusMessage("replay: type a time as HH:MM:SS", isError: true)
            return []
        }
        guard let replay = state.replay, let instant = replay.instant(atClock: seconds, in: state.timeZone) else {
            state.status = StatusMessage("replay: the drill does not span \(text)", isError: true)
            return []
        }
        return [.replay(.jump(to: instant))]
    }

    /// `12:03:04` or `12:03` as seconds since midnight; nil for anything else.
    static func secondsOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count, numbers[0] < 24, numbers[1] < 60, numbers.count == 2 || numbers[2] < 60 else { return nil }
        return numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)
    }

    /// The record plays again from its start: rows and what was learnt of the sources go; how
    /// the operator looks at them (sort, filter, selection, panes, theme) stays.
    static func restartReplay(in state: inout DashboardState) {
        state.tasks = []
        state.marks = []
        state.kept = [:]
        state.lapseWatches = [:]
        state.flashUntil = [:]
        state.failingSources = [:]
        state.discoveryProblem = nil
        state.notices = []
        state.bulk = nil
        state.agentClock = .zero
    }
}
