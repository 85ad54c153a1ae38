import Foundation
import ProtectionCore
import Synchronization

/// Keeps tasks protected until cancelled: one PUT per task when ``KeepProtectedPolicy`` says a
/// renewal is due, never two in flight for one task, backing off after failures, and each PUT
/// recorded. Used by `protect --keep`; the clock and the wait are injected so tests can run
/// several periods on a simulator's clock in no time.
public final class KeepProtectedLoop: Sendable {
    /// Where one task stands when the loop stops.
    public struct Outcome: Sendable {
        /// The task.
        public var endpoint: Endpoint
        /// Its keep-protected state (confirmed expiry on the loop's clock, renewals, failures).
        public var state: KeepProtectedState
        /// The last answer, if any.
        public var lastResult: ProtectionResult? { lastResponse?.result }
        /// The last answer with its HTTP details (its `Date` header judges its expiry), if any.
        public var lastResponse: ProtectionResponse?
        /// The task's ARN once known.
        public var taskArn: String?
    }

    private let endpoints: [Endpoint]
    private let policy: KeepProtectedPolicy
    private let transport: any ProtectionTransport
    private let now: @Sendable () -> Date
    private let wait: @Sendable (Duration) async throws -> Void
    private let sink: (any TimelineSink)?
    private let correctForAgentClock: Bool
    private let outcomes: Mutex<[Outcome]>

    /// - Parameters:
    ///   - now: the local clock.
    ///   - wait: sleeps (throws on cancellation).
    ///   - correctForAgentClock: whether to move the agent's expiry onto the local clock with the
    ///     offset its `Date` header shows (on for real agents; off when `now` is the agent's own clock).
    public init(endpoints: [Endpoint], policy: KeepProtectedPolicy, transport: any ProtectionTransport,
                sink: (any TimelineSink)? = nil, correctForAgentClock: Bool = true,
                now: @escaping @Sendable () -> Date = { Date() },
                wait: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.endpoints = endpoints
        self.policy = policy
        self.transport = transport
        self.sink = sink
        self.correctForAgentClock = correctForAgentClock
        self.now = now
        self.wait = wait
        outcomes = Mutex(endpoints.map { Outcome(endpoint: $0, state: KeepProtectedState()) })
    }

    /// Where every task stands now.
    public var current: [Outcome] { outcomes.withLock { $0 } }

    /// Renews until cancelled, then returns where every task stands. `report` is told each answer.
    public func run(report: @escaping @Sendable (Outcome) -> Void = { _ in }) async -> [Outcome] {
        let change: ProtectionChange
        do { change = try ProtectionChange.protect(minutes: policy.periodMinutes) } catch { return current }
        while !Task.isCancelled {
            let moment = now()
            let due = outcomes.withLock { list in
                list.indices.filter { index in
                    guard policy.decide(list[index].state, now: moment) == .renewNow else { return false }
                    list[index].state.renewalSent()
                    return true
                }
            }
            await withTaskGroup(of: Void.self) { group in
                for index in due {
                    group.addTask { await self.renew(index, change: change, report: report) }
                }
            }
            let wake = outcomes.withLock { list in
                list.compactMap { outcome -> Date? in
                    if case .wait(let until) = policy.decide(outcome.state, now: moment) { return until }
                    return nil
                }.min()
            }
            // Wake at the earliest renewal, but at least once a minute (a long sleep on a clock
            // that jumps, such as a laptop waking up, would otherwise overshoot).
            let seconds = min(max(wake.map { $0.timeIntervalSince(now()) } ?? 60, 0.05), 60)
            do { try await wait(.milliseconds(Int64(seconds * 1000))) } catch { break }
        }
        return current
    }

    private func renew(_ index: Int, change: ProtectionChange, report: @Sendable (Outcome) -> Void) async {
        let endpoint = endpoints[index]
        let known = outcomes.withLock { $0[index].taskArn }
        sink?.record(TimelineRecord(time: now(), taskArn: known, label: endpoint.label, kind: .putSent,
                                    fields: ["by": "keep", "intent": "protect", "minutes": String(policy.periodMinutes)]))
        let response = await transport.send(.put(change), to: endpoint)
        let answered = now()
        let offset = correctForAgentClock ? (response.plausibleClockOffsetSample ?? 0) : 0
        let outcome = outcomes.withLock { list in
            list[index].lastResponse = response
            // Confirmed only by an answer that says protected by its own clock (enabled, and an
            // expiry after its `Date`): an unprotected or already expired answer is a failure.
            if case .protection(let protection) = response.result, response.notProtectedReason == nil {
                list[index].taskArn = protection.taskArn
                list[index].state.renewalConfirmed(expiresAt: protection.expirationDate.map { $0.addingTimeInterval(-offset) })
            } else {
                list[index].state.renewalFailed(at: answered)
            }
            return list[index]
        }
        if case .protection = response.result, response.notProtectedReason == nil, let expiry = outcome.state.expiresAt {
            sink?.record(TimelineRecord(time: answered, taskArn: outcome.taskArn, label: endpoint.label, kind: .putConfirmed, fields: [
                "by": "keep", "state": "protected", "expires": TimelineRecord.timestamp(expiry),
                "next": TimelineRecord.timestamp(expiry.addingTimeInterval(-policy.lead)),
            ]))
        } else {
            sink?.record(TimelineRecord(time: answered, taskArn: outcome.taskArn, label: endpoint.label, kind: .putFailed, fields: [
                "by": "keep", "reason": response.result.problemCode ?? "NotProtected",
                "retry": TimelineRecord.timestamp(answered.addingTimeInterval(policy.backoff(afterFailures: outcome.state.consecutiveFailures))),
            ]))
        }
        report(outcome)
    }
}
