import FoundationEssentials

/// Where the dashboard's tasks come from and how their protection is read and changed: the agent
/// endpoints of known tasks (``ProtectionMonitor``), or the ECS API for a cluster's tasks.
///
/// Every source keeps the same rules: never two requests in flight for one task, at most one PUT
/// queued per task (the latest intent wins), PUTs not waiting for the request budget, and results
/// reported per task in the agent endpoint's outcome model (``ProtectionResponse``).
public protocol TaskSource: AnyObject, Sendable {
    /// Begins polling. Calling it again, or after ``stop()``, does nothing.
    func start()
    /// Polls the given targets (nil: all, and for a source that discovers its tasks, discovers
    /// again) as soon as the budget allows.
    func refreshNow(_ targets: [TargetID]?)
    /// Sets or clears protection on the given targets.
    func send(_ change: ProtectionChange, to targets: [TargetID])
    /// Cancels polling and every request in flight; no event follows once it returns.
    func stop() async
    /// The interval each target is polled at once the request budget is applied.
    var effectiveInterval: TimeInterval { get }
}

extension ProtectionMonitor: TaskSource {}
