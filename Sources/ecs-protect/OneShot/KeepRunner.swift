import Foundation
import GameDay
import ProtectionCore
import SafeText

/// `protect --keep`: renews in the foreground until SIGINT or SIGTERM, printing each answer, then
/// says until when each task stays protected.
enum KeepRunner {
    static func run(endpoints: [Endpoint], minutes: Int, timeout: Double) async -> Int32 {
        let client = AgentHTTPClient(configuration: .init(requestTimeout: timeout))
        let loop = KeepProtectedLoop(endpoints: endpoints, policy: KeepProtectedPolicy(periodMinutes: minutes), transport: client)
        print("keeping \(endpoints.count) task\(endpoints.count == 1 ? "" : "s") protected (\(minutes) min at a time); Ctrl-C stops renewing")
        fflush(nil)
        let renewing = Task {
            await loop.run { outcome in
                print(line(for: outcome, now: Date()))
                fflush(nil)
            }
        }
        let signal = await TerminationSignalWaiter.wait(for: [SIGINT, SIGTERM])
        renewing.cancel()
        let outcomes = await renewing.value
        await client.shutdown()
        let now = Date()
        print("stopped renewing (signal \(signal)):")
        for outcome in outcomes {
            let name = TerminalSafeText.excerpt(outcome.endpoint.displayName, limit: 80)
            if let expiry = outcome.state.expiresAt, expiry > now {
                print("  \(name) stays protected until \(TimelineRecord.timestamp(expiry)) (\(CountdownText.format(seconds: expiry.timeIntervalSince(now))) from now)")
            } else {
                print("  \(name) is not protected")
            }
        }
        fflush(nil)
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
        return ExitStatus.forOutcomes(reports)
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
