import FoundationEssentials
#if canImport(Glibc)
import Glibc // pow
#endif

/// How long a target waits before its next GET: the effective interval with jitter, or an
/// exponential backoff after results that call for one.
struct PollTiming: Sendable {
    let configuration: MonitorConfiguration
    /// `max(pollInterval, targets / maxRequestsPerSecond)`.
    let effectiveInterval: TimeInterval

    /// Backoff levels above this no longer change the delay (the cap is reached long before) and
    /// keep the power of two finite.
    static let maximumBackoffLevel = 32

    init(configuration: MonitorConfiguration, targetCount: Int) {
        self.configuration = configuration
        effectiveInterval = max(configuration.pollInterval,
                                Double(targetCount) / configuration.maxRequestsPerSecond)
    }

    /// A random factor in `1 ± jitter`.
    func jitterFactor(using random: inout SeededRandomNumberGenerator) -> Double {
        let jitter = configuration.jitter
        guard jitter > 0 else { return 1 }
        return 1 + Double.random(in: -jitter...jitter, using: &random)
    }

    /// The shortest wait after an ordinary result: the jitter window opens then.
    var shortestPollDelay: TimeInterval {
        effectiveInterval * (1 - configuration.jitter)
    }

    /// The wait after an ordinary result.
    func pollDelay(using random: inout SeededRandomNumberGenerator) -> TimeInterval {
        effectiveInterval * jitterFactor(using: &random)
    }

    /// The wait after the `level`-th result in a row that called for backoff (level ≥ 1):
    /// `backoffInitial × 2^(level-1)` with jitter, never above `backoffMaximum` and never shorter
    /// than an ordinary poll.
    func backoffDelay(level: Int, using random: inout SeededRandomNumberGenerator) -> TimeInterval {
        let exponent = min(max(level, 1), PollTiming.maximumBackoffLevel) - 1
        let base = min(configuration.backoffMaximum, configuration.backoffInitial * pow(2, Double(exponent)))
        let backoff = min(configuration.backoffMaximum, base * jitterFactor(using: &random))
        return max(backoff, pollDelay(using: &random))
    }
}
