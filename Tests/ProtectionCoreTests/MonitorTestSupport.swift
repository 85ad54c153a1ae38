import Foundation
import Synchronization
@testable import ProtectionCore

/// Builders for responses and endpoints used by the monitor tests.
enum MonitorFixtures {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func endpoints(_ count: Int) -> [Endpoint] {
        (0..<count).map { index in
            Endpoint(label: "t\(index)", agentURI: "http://127.0.0.1:9/api/task-\(index)", scheme: "http",
                     host: "127.0.0.1", port: 9)
        }
    }

    static let protection = TaskProtection(enabled: true, expirationDate: nil, taskArn: "arn:aws:ecs:task/1")

    static func success(at now: Date, serverDate: Date? = nil) -> ProtectionResponse {
        ProtectionResponse(result: .protection(protection), httpStatus: 200, serverDate: serverDate,
                           sentAt: now, receivedAt: now)
    }

    static func serverError(at now: Date) -> ProtectionResponse {
        let error = AgentError(code: "ServerException", message: "Unexpected error occurred")
        return ProtectionResponse(result: .error(error), httpStatus: 500, serverDate: nil, sentAt: now, receivedAt: now)
    }

    /// A configuration with the given numbers and everything else at its default.
    static func configuration(interval: TimeInterval = 2, jitter: Double = 0.1, maxRPS: Double = 10,
                              backoffInitial: TimeInterval = 2, backoffMaximum: TimeInterval = 60) -> MonitorConfiguration {
        MonitorConfiguration(pollInterval: interval, jitter: jitter, maxRequestsPerSecond: maxRPS,
                             backoffInitial: backoffInitial, backoffMaximum: backoffMaximum)
    }
}

/// Runs a ``PollScheduler`` against fake time: every request completes `latency` seconds after it
/// is issued with whatever `respond` returns, and each of `actions` (e.g. a key queuing a PUT) runs
/// at its offset from the start. Returns every request issued before `duration` ends.
struct SchedulerSimulation {
    typealias Action = (at: TimeInterval, perform: (inout PollScheduler, Date) -> Void)

    var scheduler: PollScheduler
    var latency: TimeInterval = 0.05
    var actions: [Action] = []

    mutating func run(for duration: TimeInterval, from start: Date = MonitorFixtures.start,
                      respond: (ScheduledRequest, Date) -> ProtectionResponse = { MonitorFixtures.success(at: $1) })
        -> [ScheduledRequest] {
        let end = start.addingTimeInterval(duration)
        var issued: [ScheduledRequest] = []
        var inFlight: [(done: Date, request: ScheduledRequest)] = []
        var now = start
        var remainingActions = actions.sorted { $0.at < $1.at }
        while now < end {
            while let action = remainingActions.first, start.addingTimeInterval(action.at) <= now {
                remainingActions.removeFirst()
                action.perform(&scheduler, now)
            }
            let finishing = inFlight.filter { $0.done <= now }.sorted { $0.done < $1.done }
            inFlight.removeAll { $0.done <= now }
            for item in finishing {
                _ = scheduler.didFinish(item.request, response: respond(item.request, now), now: now)
            }
            for request in scheduler.dueRequests(now: now) {
                issued.append(request)
                inFlight.append((now.addingTimeInterval(latency), request))
            }
            let candidates = [scheduler.nextWakeUp(), inFlight.map(\.done).min(),
                              remainingActions.first.map { start.addingTimeInterval($0.at) }].compactMap { $0 }
            guard let next = candidates.min() else { break }
            now = max(next, now)
        }
        return issued
    }
}

/// A transport whose requests stay pending until the test answers them.
final class ScriptedTransport: ProtectionTransport {
    struct Call: Sendable {
        let id: Int
        let target: TargetID
        let request: ProtectionRequest
    }

    private struct State {
        var nextID = 0
        var pending: [Int: (target: TargetID, continuation: CheckedContinuation<ProtectionResponse, Never>)] = [:]
        var maxInFlightPerTarget = 0
        var totalCalls = 0
        var cancelledCalls = 0
    }

    private let state = Mutex(State())
    private let stream: AsyncStream<Call>
    private let streamContinuation: AsyncStream<Call>.Continuation
    private let clock: ManualMonitorClock

    init(clock: ManualMonitorClock) {
        self.clock = clock
        (stream, streamContinuation) = AsyncStream.makeStream(of: Call.self)
    }

    /// The largest number of requests ever in flight at once for one target.
    var maxInFlightPerTarget: Int { state.withLock { $0.maxInFlightPerTarget } }
    var totalCalls: Int { state.withLock { $0.totalCalls } }
    var cancelledCalls: Int { state.withLock { $0.cancelledCalls } }

    /// Waits for the next request the monitor sends.
    func nextCall() async -> Call? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    func respond(to call: Call, with response: ProtectionResponse) {
        let continuation = state.withLock { $0.pending.removeValue(forKey: call.id)?.continuation }
        continuation?.resume(returning: response)
    }

    func send(_ request: ProtectionRequest, to endpoint: Endpoint) async -> ProtectionResponse {
        let target = Int(endpoint.label?.dropFirst() ?? "") ?? -1
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        let sentAt = clock.now()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                state.withLock { state in
                    state.pending[id] = (target, continuation)
                    state.totalCalls += 1
                    let inFlight = state.pending.values.filter { $0.target == target }.count
                    state.maxInFlightPerTarget = max(state.maxInFlightPerTarget, inFlight)
                }
                streamContinuation.yield(Call(id: id, target: target, request: request))
            }
        } onCancel: {
            let continuation = state.withLock { state in
                let continuation = state.pending.removeValue(forKey: id)?.continuation
                if continuation != nil { state.cancelledCalls += 1 }
                return continuation
            }
            continuation?.resume(returning: ProtectionResponse(result: .transport(.other("cancelled")), httpStatus: nil,
                                                               serverDate: nil, sentAt: sentAt, receivedAt: sentAt))
        }
    }
}

/// Collects a monitor's events and lets a test wait for the next one.
final class EventRecorder: Sendable {
    private let recorded = Mutex<[MonitorEvent]>([])
    private let stream: AsyncStream<MonitorEvent>
    private let continuation: AsyncStream<MonitorEvent>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: MonitorEvent.self)
    }

    var events: [MonitorEvent] { recorded.withLock { $0 } }

    var handler: @Sendable (MonitorEvent) -> Void {
        { event in
            self.recorded.withLock { $0.append(event) }
            self.continuation.yield(event)
        }
    }

    /// Waits for the next event that satisfies `predicate`, skipping others.
    func next(where predicate: (MonitorEvent) -> Bool) async -> MonitorEvent? {
        var iterator = stream.makeAsyncIterator()
        while let event = await iterator.next() {
            if predicate(event) { return event }
        }
        return nil
    }
}

extension MonitorEvent {
    var isResponded: Bool {
        if case .responded = self { return true }
        return false
    }

    /// A short form for comparing event sequences: "start 0 GET", "done 0 PUT".
    var summary: String {
        switch self {
        case .requestStarted(let target, let request, _): "start \(target) \(request.method)"
        case .responded(let target, let request, _): "done \(target) \(request.method)"
        case .effectiveIntervalChanged(let interval): "interval \(interval)"
        case .clockOffsetChanged: "offset"
        }
    }
}
