import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import GameDay
import ProtectionClient
import ProtectionCore
import SafeText
import Synchronization

/// `protect --keep`: renews in the foreground until SIGINT or SIGTERM, printing each answer, then
/// says until when each task stays protected.
public enum KeepRunner {
    public static func run(endpoints: [Endpoint], minutes: Int, timeout: Double) async -> Int32 {
        let client = AgentHTTPClient(configuration: .init(requestTimeout: timeout))
        let output = CheckedLines()
        let policy = KeepProtectedPolicy(periodMinutes: minutes)
        let loop = KeepProtectedLoop(endpoints: endpoints, policy: policy, transport: client) { event in
            if let line = line(for: event, policy: policy) { output.write(line) }
        }
        output.write("keeping \(endpoints.count) task\(endpoints.count == 1 ? "" : "s") protected (\(minutes) min at a time); Ctrl-C stops renewing")
        let renewing = Task { await loop.run() }
        let signal = await TerminationSignalWaiter.wait(for: [SIGINT, SIGTERM])
        renewing.cancel()
        let outcomes = await renewing.value
        await client.shutdown()
        let now = Date()
        output.write("stopped renewing (signal \(signal)):")
        for outcome in outcomes {
            let name = TerminalSafeText.excerpt(outcome.endpoint.displayName, limit: 80)
            if let expiry = outcome.protectedUntil, expiry > now {
                output.write("  \(name) stays protected until \(TimelineRecord.timestamp(expiry)) (\(CountdownText.format(seconds: expiry.timeIntervalSince(now))) from now)")
            } else {
                output.write("  \(name) is not protected")
            }
        }
        // Each task counts by its last answer; a protection answer counts as done only when it
        // says protected by its own `Date` and the confirmed expiry has not passed since.
        let reports = outcomes.compactMap { outcome in
            outcome.lastResponse.map { response -> TargetOutcome in
                switch response.result {
                case .protection:
                    let reason: String? = if outcome.state.paused {
                        "unprotected by someone else twice within \(minutes)m; keep paused for it"
                    } else if let until = outcome.protectedUntil, until > now {
                        nil
                    } else {
                        response.notProtectedReason ?? "the protection has run out"
                    }
                    guard let reason else { return .succeeded }
                    StandardError.write("ecs-protect: \(TerminalSafeText.excerpt(outcome.endpoint.displayName, limit: 120)): answered, but not protected: \(reason)")
                    return .notAsRequested
                case .failure, .error, .rateLimited: return .answeredWithProblem
                case .transport: return .unreachable
                }
            }
        }
        let status = ExitStatus.forOutcomes(reports)
        // Renewals go on when standard output fails (the protection matters more than the
        // lines), but the run does not end with 0 when its report was lost.
        return output.failed && status == ExitStatus.success ? ExitStatus.outputFailed : status
    }

    /// One line per renewal's answer and per unprotect by someone else; nothing for a renewal leaving.
    private static func line(for event: KeepLoopEvent, policy: KeepProtectedPolicy) -> String? {
        func name(_ endpoint: Endpoint) -> String { TerminalSafeText.excerpt(endpoint.displayName, limit: 80) }
        switch event {
        case .renewalSent:
            return nil
        case .renewed(let endpoint, _, let time, let until, let next, let ahead):
            let clock = ahead.map { "; the agent's clock is \(CountdownText.format(seconds: abs($0).rounded())) \($0 > 0 ? "ahead of" : "behind") ECS's, so the renewal's own minutes count" } ?? ""
            return "\(TimelineRecord.timestamp(time)) \(name(endpoint)) protected until \(TimelineRecord.timestamp(until)), "
                + "next renewal at \(TimelineRecord.timestamp(next))\(clock)"
        case .renewalFailed(let endpoint, _, let time, let reason, let retry):
            return "\(TimelineRecord.timestamp(time)) \(name(endpoint)) renewal failed: \(TerminalSafeText.excerpt(reason, limit: 80)); "
                + "retry at \(TimelineRecord.timestamp(retry))"
        case .unprotectedBySomeoneElse(let endpoint, _, let time, let paused):
            return "\(TimelineRecord.timestamp(time)) \(name(endpoint)) was unprotected by someone else: "
                + (paused ? "again within \(policy.periodMinutes)m, so keep stops renewing it" : "protecting it again")
        }
    }
}

/// Lines to standard output, each written whole and checked; after the first failure (said once
/// on standard error) later lines are dropped and ``failed`` is true.
private final class CheckedLines: Sendable {
    private let failure = Atomic<Bool>(false)

    public var failed: Bool { failure.load(ordering: .relaxed) }

    public func write(_ line: String) {
        guard !failed else { return }
        do { try StandardOutput.write(line + "\n") } catch { failure.store(true, ordering: .relaxed) }
    }
}
