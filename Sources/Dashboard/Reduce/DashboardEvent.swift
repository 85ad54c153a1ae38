import FoundationEssentials
import ProtectionCore
import TerminalUI

/// Everything that can change the dashboard's state.
public enum DashboardEvent: Sendable, Equatable {
    /// A key press.
    /// The session started: the first theme is applied (the reducer returns it as an effect).
    case started
    case key(KeyInput)
    /// The local clock moved on (the runtime ticks about once a second).
    case tick(Date)
    /// Something the monitor reported.
    case monitor(MonitorEvent)
    /// Something a source that discovers its tasks (the ECS API) reported.
    case source(TaskSourceEvent)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
    /// Demo: the simulator now injects `kind` into `target` (nil: no fault).
    case faultChanged(target: TargetID, kind: String?)
    /// Demo: the simulated agent went down or came back.
    case agentAvailabilityChanged(down: Bool)
    /// Demo: the scenario being played moved on (its next step, or none once all ran).
    case scenarioProgress(ScenarioBanner)
    /// The runtime could not carry out `effect`, for the reason given. Only the tasks the effect
    /// concerns are touched: a failed fault change leaves other rows' PUTs PENDING.
    case effectFailed(DashboardEffect, String)
    /// The runtime carried out a setting change the operator made (kept the columns): what to say.
    case settingKept(String)
    /// Replay: where the time cursor stands now.
    case replayProgress(ReplayStatus)
    /// Replay: the cursor went back; the record is played again from its start, so every task and
    /// what was learnt of the sources is forgotten (the view, its sort, filter and selection stay).
    case replayRestarted
}
