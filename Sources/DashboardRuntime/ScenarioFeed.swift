import Dashboard
import FoundationEssentials
import GameDay
import Synchronization

/// Plays the demo's scenario beside the dashboard and tells it what changed: the next step for
/// the header, and the faults and agent state the steps set (so the fault menu and the header agree
/// with the simulator).
enum ScenarioFeed {
    /// Starts playback and observation; cancel the returned tasks to stop them.
    static func start(_ player: ScenarioPlayer, inbox: EventInbox) -> [Task<Void, Never>] {
        let seen = Mutex<(faults: [String?], agentDown: Bool)>((player.simulator.tasks.map { $0.fault?.rawValue }, false))
        inbox.post(.scenarioProgress(banner(player)))
        let playing = Task.detached {
            _ = try? await player.play { _, _ in
                let tasks = player.simulator.tasks
                let agentDown = player.simulator.isAgentDown
                var events: [DashboardEvent] = []
                seen.withLock { seen in
                    for task in tasks where seen.faults.indices.contains(task.index) && seen.faults[task.index] != task.fault?.rawValue {
                        seen.faults[task.index] = task.fault?.rawValue
                        events.append(.faultChanged(target: task.index, kind: task.fault?.rawValue))
                    }
                    if seen.agentDown != agentDown {
                        seen.agentDown = agentDown
                        events.append(.agentAvailabilityChanged(down: agentDown))
                    }
                }
                for event in events { inbox.post(event) }
                inbox.post(.scenarioProgress(banner(player)))
            }
        }
        let observing = Task.detached { await player.observe() }
        return [playing, observing]
    }

    /// The header's view of the scenario now.
    static func banner(_ player: ScenarioPlayer) -> ScenarioBanner {
        let next = player.nextStep
        return ScenarioBanner(
            name: player.scenario.name, nextStep: next?.step.action.summary,
            nextAt: next.map { Date().addingTimeInterval($0.step.at - player.elapsed) })
    }
}
