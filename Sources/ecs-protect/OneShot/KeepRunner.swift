import Foundation
import GameDay
import ProtectionClient
import ProtectionCore
import SafeText
import Synchronization

/// `protect --keep`: renews in the foreground until SIGINT or SIGTERM, printing each answer, then
/// says until when each task stays protected.
enum KeepRunner {
    static func run(endpoints: [Endpoint], minutes: Int, timeout: Double) async -> Int32 {
        let client = AgentHTTPClient(configuration: .init(requestTimeout: timeout))
        let loop = KeepProtectedLoop(endpoints: endpoints, policy: KeepProtectedPolicy(periodMinutes: minutes), transport: client)
        let output = CheckedLines()
        output.write("keeping \(endpoints.count) task\(endpoints.count == 1 ? "" : "s") protected (\(minutes) min at a time); Ctrl-C stops renewing")
        let renewing = Task {
            await loop.run { outcome in
                output.write(line(for: outcome, now: Date()))
            }
        }
        let signal = await TerminationSignalWaiter.wait(for: [SIGINT, SIGTERM])
        renewing.cancel()
        let outcomes = await renewing.value
        await client.shutdown()
        let now = Date()
        output.write("stopped renewing (signal \(signal)):")
        for outcome in outcomes {
            let name = TerminalSafeText.excerpt(outcome.endpoint.displayName, limit: 80)
            if let expiry = outcome.state.expiresAt, expiry > now {
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
                    let reason = response.notProtectedReason
                        ?? ((outcome.state.expiresAt.map { $0 > now } ?? false) ? nil : "the protection has run out")
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

    private static func line(for outcome: KeepProtectedLoop.Outcome, now: Date) -> String {
        let name = TerminalSafeText.excerpt(outcome.endpoint.displayName, limit: 80)
        let stamp = TimelineRecord.timestamp(now)
        if let expiry = outcome.state.expiresAt, !outcome.state.renewalPending, outcome.state.consecutiveFailures == 0 {
            return "\(stamp) \(name) protected until \(TimelineRecord.timestamp(expiry)) (renewal #\(outcome.state.renewals))"
        }
        let code = TerminalSafeText.excerpt(outcome.lastResult?.problemCode ?? "NotProtected", limit: 80)
        return "\(stamp) \(name) renewal failed: \(code) (failure \(outcome.state.consecutiveFailures) in a row; backing off)"
    }
}

/// Lines to standard output, each written whole and checked; after the first failure (said once
/// on standard error) later lines are dropped and ``failed`` is true.
private final class CheckedLines: Sendable {
    private let failure = Atomic<Bool>(false)

    var failed: Bool { failure.load(ordering: .relaxed) }

    func write(_ line: String) {
        guard !failed else { return }
        do { try StandardOutput.write(line + "\n") } catch { failure.store(true, ordering: .relaxed) }
    }
}
