import AgentSimulator
import FoundationEssentials
import ProtectionCore
import Synchronization
import SafeText

/// Plays a ``Scenario`` on an ``AgentSimulator``: seeds the world, runs each step at its time on a
/// ``PlaybackClock`` (every scenario duration shrunk by its speed, while the simulator serves wall
/// time; see ``ScenarioSpeed``), plays queue workers' jobs through the agent endpoints, and records what
/// happens (steps, faults as errors starting and ending, protection changes, lapses) as timeline
/// records stamped with wall time, carrying scenario time as an extra field (so they merge with the
/// records of a dashboard watching the same drill).
public final class ScenarioPlayer: Sendable {
    /// Where playback stands.
    public struct Progress: Sendable, Equatable {
        /// Steps already run.
        public var stepsDone = 0
        /// Whether the last step ran.
        public var finished = false
    }

    private struct Observed: Equatable {
        var enabled: Bool
        var expiresAt: Date?
    }

    /// The scenario played.
    public let scenario: Scenario
    /// The simulator it plays on (started by ``start()``).
    public let simulator: AgentSimulator
    /// The simulator's clock (scenario time plus the clock steps).
    public let clock: ScenarioSimulatorClock
    private let playback: any PlaybackClock
    private let sink: any TimelineSink
    private let transport: any ProtectionTransport
    private let arns: [String]
    private let progress = Mutex(Progress())
    private let observed = Mutex<[Observed]>([])
    /// Tasks a worker is unprotecting on purpose: their "not protected" is no lapse.
    private let releasing = Mutex<Set<Int>>([])
    /// Where each task's job stands, between its step and its end.
    private let jobs = Mutex<[Int: JobState]>([:])
    /// Held from a record's time stamp to its write: the steps and the observer both record, and
    /// a timeline must read in time order as written.
    private let recording = Mutex(())

    private enum JobState: Sendable {
        /// The worker's protect is in flight.
        case protecting
        /// The job runs.
        case working
        /// The job's time is up but its protect has not been answered yet.
        case finishDue
    }

    /// Creates the simulator for `scenario` from `base` (ports, timings); nothing listens yet.
    /// `transport` carries the workers' PUTs to the agent endpoints.
    public init(scenario: Scenario, base: SimulatorConfiguration, playback: any PlaybackClock, origin: Date = Date(),
                sink: any TimelineSink, transport: any ProtectionTransport) {
        self.scenario = scenario
        self.playback = playback
        self.sink = sink
        self.transport = transport
        clock = ScenarioSimulatorClock(origin: origin, playback: playback)
        simulator = AgentSimulator(configuration: scenario.simulatorConfiguration(base: base), clock: clock)
        arns = simulator.tasks.map(\.taskArn)
    }

    /// The ARN of the simulator's task `index`.
    public func taskArn(ofTask index: Int) -> String? {
        arns.indices.contains(index) ? arns[index] : nil
    }

    /// Seconds of scenario time since the start.
    public var elapsed: Double { playback.elapsed }

    /// Where playback stands.
    public var currentProgress: Progress { progress.withLock { $0 } }

    /// The step that runs next (1-based number and the step), or `nil` once all have run.
    public var nextStep: (number: Int, step: ScenarioStep)? {
        let done = progress.withLock { $0.stepsDone }
        return done < scenario.steps.count ? (done + 1, scenario.steps[done]) : nil
    }

    /// The label of the simulator's task `index`.
    public func label(ofTask index: Int) -> String {
        scenario.tasks.indices.contains(index) ? scenario.tasks[index].label : "task-\(index)"
    }

    // MARK: Start

    /// Starts the simulator and seeds the world: protection left and faults from the start.
    public func start() async throws {
        try await simulator.start()
        let now = clock.now()
        for (index, task) in scenario.tasks.enumerated() {
            if let seconds = task.protectedFor {
                try simulator.setProtection(forTask: index, enabled: true, expiresAt: now.addingTimeInterval(seconds / playback.speed))
            }
        }
        var started = ["name": scenario.name, "steps": String(scenario.steps.count)]
        started["speed"] = String(playback.speed)
        record(.scenarioStarted, fields: started)
        let tasks = simulator.tasks
        observed.withLock { list in
            list = tasks.map { Observed(enabled: $0.protectionEnabled, expiresAt: $0.expirationDate) }
        }
        for task in tasks {
            record(.state, task: task.index, fields: stateFields(enabled: task.protectionEnabled, expiresAt: task.expirationDate))
            if let code = task.fault?.observedCode {
                record(.errorStarted, task: task.index, fields: ["code": code, "fault": task.fault?.rawValue ?? ""])
            }
        }
    }

    // MARK: Playback

    private enum Entry: Sendable {
        case step(Int)
        case finishWork(task: Int, seconds: Double)
    }

    /// Runs every step at its time (and each job's end), then returns; workers' PUTs still in
    /// flight are awaited. `onStep` is told each step once it ran and its record was written.
    /// - Throws: `CancellationError` when cancelled.
    public func play(onStep: @escaping @Sendable (Int, ScenarioStep) -> Void = { _, _ in }) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var queue: [(time: Double, order: Int, entry: Entry)] = scenario.steps.enumerated().map { (time: $1.at, order: $0, entry: Entry.step($0)) }
            var order = queue.count
            while !queue.isEmpty {
                let next = queue.removeFirst()
                try await playback.sleep(until: next.time)
                switch next.entry {
                case .step(let index):
                    let step = scenario.steps[index]
                    if case .work(let label, let seconds, _) = step.action, let task = scenario.taskIndex(label: label) {
                        let finish = (time: next.time + seconds, order: order, entry: Entry.finishWork(task: task, seconds: seconds))
                        order += 1
                        let position = queue.firstIndex { ($0.time, $0.order) > (finish.time, finish.order) } ?? queue.endIndex
                        queue.insert(finish, at: position)
                    }
                    await run(step, number: index + 1, group: &group)
                    progress.withLock { $0.stepsDone = index + 1 }
                    onStep(index + 1, step)
                case .finishWork(let task, let seconds):
                    let stillProtecting = jobs.withLock { jobs in
                        guard jobs[task] == .protecting else { return false }
                        jobs[task] = .finishDue
                        return true
                    }
                    if !stillProtecting {
                        group.addTask { await self.finishJob(task: task, seconds: seconds) }
                    }
                }
                sample()
            }
            try await group.waitForAll()
        }
        progress.withLock { $0.finished = true }
        record(.scenarioFinished)
    }

    private func run(_ step: ScenarioStep, number: Int, group: inout ThrowingTaskGroup<Void, any Error>) async {
        var fields = ["step": String(number), "at": ScenarioDuration.text(step.at), "action": step.action.summary,
                      "line": String(step.line)]
        do {
            switch step.action {
            case .fault(let kind, let target):
                let before = simulator.tasks
                for index in scenario.taskIndices(target) {
                    try simulator.setFault(kind, forTask: index)
                    recordFaultChange(task: index, from: before[index].fault, to: kind)
                }
            case .agentDown(let down):
                try await simulator.setAgentDown(down)
                record(down ? .agentDown : .agentUp)
            case .ecsAPIDown(let down):
                try await simulator.setECSAPIDown(down)
                record(down ? .apiDown : .apiUp)
            case .advanceClock(let seconds):
                clock.advance(by: seconds / playback.speed)
            case .skewClock(let seconds):
                clock.skew(to: seconds / playback.speed)
            case .work(let label, let seconds, let minutes):
                guard let task = scenario.taskIndex(label: label) else { break }
                let change = try ProtectionChange.protect(minutes: ScenarioSpeed.wallMinutes(minutes, speed: playback.speed))
                jobs.withLock { $0[task] = .protecting }
                // Like a queue worker: protect first, then start the job whatever the answer was.
                group.addTask {
                    await self.workerPut(change, task: task)
                    self.record(.workStarted, task: task, fields: ["seconds": ScenarioDuration.text(seconds)])
                    let finishDue = self.jobs.withLock { jobs in
                        defer { jobs[task] = .working }
                        return jobs[task] == .finishDue
                    }
                    // The protect took longer than the job: it ends as soon as it started.
                    if finishDue { await self.finishJob(task: task, seconds: seconds) }
                }
            case .scale(let service, let desired):
                simulator.setDesiredCount(desired, forService: service)
            case .deploy(let service):
                simulator.deploy(service: service)
            case .note:
                break
            }
        } catch {
            fields["error"] = TerminalSafeText.excerpt(String(describing: error), limit: 200)
        }
        record(.scenarioStep, fields: fields)
    }

    private func recordFaultChange(task: Int, from old: FaultKind?, to new: FaultKind?) {
        guard old != new else { return }
        if let code = old?.observedCode { record(.errorEnded, task: task, fields: ["code": code, "fault": old?.rawValue ?? ""]) }
        if let code = new?.observedCode { record(.errorStarted, task: task, fields: ["code": code, "fault": new?.rawValue ?? ""]) }
    }

    /// The job on `task` ends: the worker unprotects the task.
    private func finishJob(task: Int, seconds: Double) async {
        jobs.withLock { $0[task] = nil }
        record(.workFinished, task: task, fields: ["seconds": ScenarioDuration.text(seconds)])
        releasing.withLock { _ = $0.insert(task) }
        await workerPut(.unprotect, task: task)
    }

    /// A queue worker's PUT through the task's own agent endpoint, as a worker inside the task sends it.
    private func workerPut(_ change: ProtectionChange, task: Int) async {
        let tasks = simulator.tasks
        guard tasks.indices.contains(task), let endpoint = try? EndpointParser.parse(tasks[task].agentURI) else { return }
        var sent = ["by": "worker", "intent": change.enabled ? "protect" : "unprotect"]
        if let minutes = change.expiresInMinutes { sent["minutes"] = String(minutes) }
        record(.putSent, task: task, fields: sent)
        let response = await transport.send(.put(change), to: endpoint)
        switch response.result {
        case .protection(let protection):
            record(.putConfirmed, task: task, fields: ["by": "worker"]
                .merging(stateFields(enabled: protection.enabled, expiresAt: protection.expirationDate)) { $1 })
        default:
            record(.putFailed, task: task, fields: [
                "by": "worker", "reason": response.result.problemCode ?? "error",
                "message": TerminalSafeText.excerpt(Self.message(response.result), limit: 200),
            ])
        }
        sample()
        releasing.withLock { _ = $0.remove(task) }
    }

    private static func message(_ result: ProtectionResult) -> String {
        switch result {
        case .protection: ""
        case .failure(let failure): failure.detail ?? ""
        case .error(let error): error.message
        case .rateLimited(let message): message
        case .transport(let problem): problem.message
        }
    }

    // MARK: Observation

    /// Compares every task's protection with what was seen last and records the changes: a task
    /// that turned unprotected at or after its expiry, without a worker releasing it, lapsed.
    public func sample() {
        // ECS's scheduler acts on its own: expired protections free tasks to stop between calls too.
        simulator.reconcileServices()
        let tasks = simulator.tasks
        let now = clock.now()
        let releasing = releasing.withLock { $0 }
        let changes: [(Int, Observed, Observed)] = observed.withLock { list in
            var changes: [(Int, Observed, Observed)] = []
            for task in tasks where list.indices.contains(task.index) {
                let current = Observed(enabled: task.protectionEnabled, expiresAt: task.expirationDate)
                if current != list[task.index] {
                    changes.append((task.index, list[task.index], current))
                    list[task.index] = current
                }
            }
            return changes
        }
        for (index, before, after) in changes {
            if before.enabled, !after.enabled, !releasing.contains(index), let expiry = before.expiresAt,
               AgentSimulator.protectionHasExpired(expiry, at: now) {
                record(.lapse, task: index, fields: ["expired": TimelineRecord.timestamp(expiry)])
            }
            record(.state, task: index, fields: stateFields(enabled: after.enabled, expiresAt: after.expiresAt))
        }
    }

    /// Samples every `interval` of real time until cancelled.
    public func observe(every interval: Duration = .milliseconds(250)) async {
        while !Task.isCancelled {
            sample()
            try? await Task.sleep(for: interval)
        }
    }

    // MARK: Records

    private func stateFields(enabled: Bool, expiresAt: Date?) -> [String: String] {
        var fields = ["state": enabled ? "protected" : "unprotected"]
        if enabled, let expiresAt { fields["expires"] = TimelineRecord.timestamp(expiresAt) }
        return fields
    }

    private func record(_ kind: TimelineKind, task: Int? = nil, fields: [String: String] = [:]) {
        let arn = task.flatMap(taskArn(ofTask:))
        let label = task.map(label(ofTask:))
        recording.withLock { _ in
            sink.record(TimelineRecord(time: Date(), taskArn: arn, label: label, kind: kind, fields: fields,
                                       scenarioTime: playback.elapsed))
        }
    }
}
