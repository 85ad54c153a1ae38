import Synchronization

/// The SDKs' standard retry mode: up to `maxAttempts` attempts for throttling, transient errors
/// (5xx, `RequestTimeout…`) and transport problems; before attempt n+1 a delay of
/// `random(0…1) × min(scale × 2^(n-1), maxBackoff)` (scale 1 s for throttling, 50 ms otherwise);
/// every retry draws from a ``RetryQuota``, so a failing service stops being retried.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (standard mode: 3).
    public var maxAttempts: Int
    /// Upper bound of one delay, in seconds (standard mode: 20).
    public var maxBackoff: Double
    /// Base of the delay after throttling, in seconds (standard mode: 1).
    public var throttlingScale: Double
    /// Base of the delay after other retryable errors, in seconds (standard mode: 0.05).
    public var transientScale: Double
    /// The jitter source, uniform in 0…1.
    public var random: @Sendable () -> Double

    /// The standard mode's values.
    public static var standard: RetryPolicy { RetryPolicy() }

    /// Creates a policy; the defaults are the standard mode's.
    public init(
        maxAttempts: Int = 3, maxBackoff: Double = 20, throttlingScale: Double = 1, transientScale: Double = 0.05,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxBackoff = maxBackoff
        self.throttlingScale = throttlingScale
        self.transientScale = transientScale
        self.random = random
    }

    /// The delay before attempt `failedAttempt + 1`, in seconds.
    public func delay(afterAttempt failedAttempt: Int, throttled: Bool) -> Double {
        let scale = throttled ? throttlingScale : transientScale
        let exponent = Double(min(max(failedAttempt - 1, 0), 30))
        let jitter = min(max(random(), 0), 1)
        return jitter * min(scale * pow2(exponent), maxBackoff)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}

/// The token bucket that bounds retries across calls (standard mode: 500 tokens, 5 per retry,
/// 10 per retry after a timeout, 1 back per first-try success, the cost back after a retried success).
public final class RetryQuota: Sendable {
    /// Tokens to start with and at most.
    public let capacity: Int
    private let available: Mutex<Int>

    /// Cost of a retry after an error response.
    public static let retryCost = 5
    /// Cost of a retry after a timeout.
    public static let timeoutRetryCost = 10

    /// Creates a full bucket.
    public init(capacity: Int = 500) {
        self.capacity = capacity
        available = Mutex(capacity)
    }

    /// Tokens left.
    public var tokens: Int { available.withLock { $0 } }

    /// Takes `cost` tokens; `false` (and nothing taken) when there are not enough.
    func acquire(_ cost: Int) -> Bool {
        available.withLock { tokens in
            guard tokens >= cost else { return false }
            tokens -= cost
            return true
        }
    }

    /// Gives `amount` back, up to the capacity.
    func release(_ amount: Int) {
        available.withLock { $0 = min(capacity, $0 + amount) }
    }
}
