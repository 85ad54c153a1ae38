import FoundationEssentials
import Synchronization

/// Keeps tasks protected until cancelled (`protect --keep`): one PUT per task when
/// ``KeepProtectedPolicy`` says a renewal is due, never two in flight for one task, backing off
/// after failures; and a read of each task every ``readInterval`` between renewals, so a task
/// unprotected by someone else is noticed and protected again (or, the second time in a period,
/// left alone and said so).
///
/// Expiries follow the one clock rule (``ExpiryEstimate``) on the loop's own clock: an answer's
/// `ExpirationDate` minus its `Date`, from when it arrived, capped by the renewal that set it. The
/// clock and the wait are injected so tests can run several periods on a simulator's clock in no time.
public final class KeepProtectedLoop: Sendable {
    /// Where one task stands.
    public struct Outcome: Sendable {
        /// The task.
        public var endpoint: Endpoint
        /// Its keep-protected state (expiry on the loop's clock, renewals, failures, pause).
        public var state: KeepProtectedState
        /// The last answer, if any.
        public var lastResult: ProtectionResult? { lastResponse?.result }
        /// The last answer with its HTTP details, if any.
        public var lastResponse: ProtectionResponse?
        /// The task's ARN once known.
        public var taskArn: String?
        /// How far the agent's clock is ahead of ECS's, when the last renewal showed they differ.
        public var agentClockAhead: TimeInterval?
        /// The `ExpirationDate` the last renewal set and the latest it can end by that renewal.
        var bound: RequestBound?
        /// When the task is read next, between renewals.
        var nextReadAt: Date?

        /// Protected until this instant by the last answer (nil: not known to be protected).
        public var protectedUntil: Date? { state.paused ? nil : state.expiresAt }
    }

    private let endpoints: [Endpoint]
    private let policy: KeepProtectedPolicy
    private let transport: any ProtectionTransport
    private let readInterval: TimeInterval
    private let now: @Sendable () -> Date
    private let wait: @Sendable (Duration) async throws -> Void
    private let onEvent: @Sendable (KeepLoopEvent) -> Void
    private let outcomes: Mutex<[Outcome]>

    /// - Parameters:
    ///   - readInterval: seconds between reads of a task while it waits for its renewal.
    ///   - onEvent: told each renewal sent, confirmed or failed, and each unprotect by someone else.
    ///   - now: the loop's clock (answers are timed on it).
    ///   - wait: sleeps (throws on cancellation).
    public init(endpoints: [Endpoint], policy: KeepProtectedPolicy, transport: any ProtectionTransport,
                readInterval: TimeInterval = 5,
                onEvent: @escaping @Sendable (KeepLoopEvent) -> Void = { _ in },
                now: @escaping @Sendable () -> Date = { Date() },
                wait: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.endpoints = endpoints
        self.policy = policy
        self.transport = transport
        self.readInterval = max(1, readInterval)
        self.onEvent = onEvent
        self.now = now
        self.wait = wait
        outcomes = Mutex(endpoints.map { Outcome(endpoint: $0, state: KeepProtectedState()) })
    }

    /// Where every task stands now.
    public var current: [Outcome] { outcomes.withLock { $0 } }

    /// Renews until cancelled, then returns where every task stands. `report` is told each
    /// renewal's answer and each unprotect by someone else.
    public func run(report: @escaping @Sendable (Outcome) -> Void = { _ in }) async -> [Outcome] {
        let change: ProtectionChange
        do { change = try ProtectionChange.protect(minutes: policy.periodMinutes) } catch { return current }
        while !Task.isCancelled {
            let moment = now()
            let (renewals, reads) = outcomes.withLock { list in
                var renewals: [Int] = [], reads: [Int] = []
                for index in list.indices {
                    if policy.decide(list[index].state, now: moment) == .renewNow {
                        list[index].state.renewalSent()
                        renewals.append(index)
                    } else if !list[index].state.renewalPending, !list[index].state.paused,
                              list[index].state.expiresAt != nil, (list[index].nextReadAt ?? moment) <= moment {
                        list[index].nextReadAt = moment.addingTimeInterval(readInterval)
                        reads.append(index)
                    }
                }
                return (renewals, reads)
            }
            await withTaskGroup(of: Void.self) { group in
                for index in renewals { group.addTask { await self.renew(index, change: change, report: report) } }
                for index in reads { group.addTask { await self.read(index, report: report) } }
            }
            let wake = outcomes.withLock { list in
                list.compactMap { outcome -> Date? in
                    var earliest: Date?
                    switch policy.decide(outcome.state, now: moment) {
                    case .wait(let until): earliest = until
                    // Due already (a task just found unprotected): the next round goes at once.
                    case .renewNow: earliest = moment
                    case .waitForPending, .paused: break
                    }
                    if let read = outcome.nextReadAt, outcome.state.expiresAt != nil, !outcome.state.paused {
                        earliest = min(earliest ?? read, read)
                    }
                    return earliest
                }.min()
            }
            // Wake at the earliest renewal or read, but at least once a minute (a long sleep on a
            // clock that jumps, such as a laptop waking up, would otherwise overshoot).
            let seconds = min(max(wake.map { $0.timeIntervalSince(now()) } ?? 60, 0.05), 60)
            do { try await wait(.milliseconds(Int64(seconds * 1000))) } catch { break }
        }
        return current
    }

    private func renew(_ index: Int, change: ProtectionChange, report: @Sendable (Outcome) -> Void) async {
        let endpoint = endpoints[index]
        let sent = now()
        onEvent(.renewalSent(endpoint, taskArn: outcomes.withLock { $0[index].taskArn }, at: sent, minutes: policy.periodMinutes))
        let response = await transport.send(.put(change), to: endpoint)
        let answered = now()
        let outcome = outcomes.withLock { list in
            list[index].lastResponse = response
            list[index].nextReadAt = answered.addingTimeInterval(readInterval)
            guard case .protection(let protection) = response.result, protection.enabled,
                  let expiration = protection.expirationDate else {
                list[index].state.renewalFailed(at: answered)
                return list[index]
            }
            list[index].taskArn = protection.taskArn
            let bound = RequestBound(expiration: expiration, sentAt: sent, minutes: policy.periodMinutes)
            let estimate = ExpiryEstimate(expiration: expiration, enabled: true, serverDate: response.serverDate,
                                          receivedAt: answered, requestBound: bound.end)
            // Confirmed only when the answer says protected by the clock rule: an answer already
            // expired, or whose end cannot be told, is a failed renewal and is retried.
            guard let end = estimate.endsAt, end > answered else {
                list[index].state.renewalFailed(at: answered)
                return list[index]
            }
            list[index].bound = bound
            list[index].agentClockAhead = estimate.agentClockAhead
            list[index].state.renewalConfirmed(expiresAt: end)
            return list[index]
        }
        if let end = outcome.state.expiresAt, outcome.state.consecutiveFailures == 0 {
            onEvent(.renewed(endpoint, taskArn: outcome.taskArn, at: answered, until: end,
                             next: end.addingTimeInterval(-policy.lead), agentClockAhead: outcome.agentClockAhead))
        } else {
            onEvent(.renewalFailed(endpoint, taskArn: outcome.taskArn, at: answered,
                                   reason: response.result.problemCode ?? "NotProtected",
                                   retry: answered.addingTimeInterval(policy.backoff(afterFailures: outcome.state.consecutiveFailures))))
        }
        report(outcome)
    }

    /// A read between renewals: a newer expiry (someone renewed it) is taken; "not protected"
    /// before the known expiry means someone else unprotected the task.
    private func read(_ index: Int, report: @Sendable (Outcome) -> Void) async {
        let endpoint = endpoints[index]
        let response = await transport.send(.get, to: endpoint)
        let answered = now()
        guard case .protection(let protection) = response.result else { return }
        let (outcome, defence): (Outcome, KeepProtectedDefence?) = outcomes.withLock { list in
            // A renewal left meanwhile: its own answer decides.
            guard !list[index].state.renewalPending, !list[index].state.paused, let known = list[index].state.expiresAt else {
                return (list[index], nil)
            }
            if protection.enabled {
                let bound = list[index].bound?.end(for: protection.expirationDate)
                let estimate = ExpiryEstimate(expiration: protection.expirationDate, enabled: true,
                                              serverDate: response.serverDate, receivedAt: answered, requestBound: bound)
                // Only a clearly different expiry moves the renewal (a Date header is whole seconds).
                if let end = estimate.endsAt, abs(end.timeIntervalSince(known)) > ExpiryEstimate.tolerance {
                    list[index].state.expiresAt = end
                    if bound == nil { list[index].bound = nil }
                }
                return (list[index], nil)
            }
            guard answered < known else { return (list[index], nil) }
            list[index].lastResponse = response
            let defence = list[index].state.foundUnprotected(at: answered, policy: policy)
            return (list[index], defence)
        }
        guard let defence else { return }
        onEvent(.unprotectedBySomeoneElse(endpoint, taskArn: outcome.taskArn, at: answered, paused: defence == .pause))
        report(outcome)
    }
}
