import FoundationEssentials

/// What a ``TaskSource`` tells its consumer: the monitor's per-task events, plus the changes of a
/// source that discovers its tasks (tasks appearing, stopping and leaving) and what polling costs.
public enum TaskSourceEvent: Sendable, Equatable {
    /// A per-task request, result, interval or clock event, as ``ProtectionMonitor`` reports them.
    case monitor(MonitorEvent)
    /// New tasks were found; they are polled from now on.
    case targetsAdded([SourceTarget])
    /// Tasks no longer running: they are not polled any more and leave after a while.
    case targetsGone([TargetID])
    /// Tasks that left: no event mentions them again.
    case targetsRemoved([TargetID])
    /// Tasks that left the listing, as `DescribeTasks` then described them (STOPPING and why).
    case lifecyclesChanged([TargetID: TaskLifecycle])
    /// The cluster's services as last read (`ListServices`, `DescribeServices`).
    case servicesRead([ServiceStatus])
    /// Reading the services failed (the task view is unaffected); `hint` says what to do, e.g.
    /// which IAM action to allow.
    case servicesFailed(AgentError, hint: String?)
    /// Finding the tasks failed (the previous list is kept); `hint` says what to do.
    case discoveryFailed(AgentError, hint: String?)
    /// Discovery succeeded again after a failure.
    case discoveryRecovered
    /// API calls per minute actually sent over the last minute (retries included).
    case callRateChanged(callsPerMinute: Double)
    /// Before a minute has passed: the calls sent since the source started, over `seconds`
    /// (a rate from the first seconds would be an extrapolation).
    case callsCounted(calls: Int, seconds: TimeInterval)
    /// A fleet on more than one call budget: each budget's calls, in the order its first cluster
    /// was given (the fleet's total still comes as ``callRateChanged(callsPerMinute:)``).
    case budgetCallsChanged([BudgetCalls])
}
