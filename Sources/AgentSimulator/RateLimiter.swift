import Synchronization

/// The agent's token bucket: `perSecond` steady, `burst` at most, one bucket per key
/// (client IP and URL path). Uses the monotonic clock: it limits real request rates.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let limit: SimulatorConfiguration.RateLimit
    private let buckets = Mutex<[String: Bucket]>([:])

    init(limit: SimulatorConfiguration.RateLimit) {
        self.limit = limit
    }

    /// Takes a token from `key`'s bucket; `false` when it is empty.
    func allow(_ key: String) -> Bool {
        let now = ContinuousClock.now
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: Double(limit.burst), updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(Double(limit.burst), bucket.tokens + seconds * limit.perSecond)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            buckets[key] = bucket
            return allowed
        }
    }
}
