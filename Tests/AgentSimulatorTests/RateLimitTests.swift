import Testing
@testable import AgentSimulator

@Suite struct RateLimitTests {
    /// Sends `count` pipelined GETs for `path` on one connection and returns the responses.
    private func burst(_ simulator: AgentSimulator, path: String, count: Int) async throws -> [RawResponse] {
        try await RawConnection.with(port: simulator.port) { connection in
            let request = "GET \(path) HTTP/1.1\r\nHost: sim\r\n\r\n"
            try await connection.send(String(repeating: request, count: count))
            var responses: [RawResponse] = []
            for _ in 0..<count {
                responses.append(try await connection.readResponse())
            }
            return responses
        }
    }

    @Test func burstOf200LetsAboutSixtyThrough() async throws {
        try await withSimulator { simulator in
            let clock = ContinuousClock()
            let start = clock.now
            let statuses = try await burst(simulator, path: simulator.statePath(0), count: 200).map(\.status)
            let elapsed = clock.now - start
            let passed = statuses.filter { $0 == 200 }.count
            // The burst of 60, plus what the bucket refilled at 40/s while the 200 requests were
            // being served: a loaded machine serves them more slowly, so a few more get through.
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let refilled = Int((40 * seconds).rounded(.up))
            #expect((60...(60 + refilled + 1)).contains(passed), "\(passed) passed in \(elapsed)")
            #expect(statuses.filter { $0 == 429 }.count == 200 - passed)
            // Another path (another task) has its own bucket.
            let other = try await simulator.request("GET", simulator.statePath(1))
            #expect(other.status == 200)
        }
    }

    @Test func unknownPathsCountAndLimitedAnswerIsPlainText() async throws {
        try await withSimulator { simulator in
            let responses = try await burst(simulator, path: "/nowhere", count: 100)
            #expect(responses.prefix(60).allSatisfy { $0.status == 404 })
            let limited = try #require(responses.last)
            #expect(limited.statusLine == "HTTP/1.1 429 Too Many Requests")
            #expect(limited.headerNames == jsonHeaderNames)
            #expect(limited.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(limited.header("X-Rate-Limit-Limit") == "40.00")
            #expect(limited.bodyText == "You have reached maximum request limit.")
        }
    }

    @Test func limiterRefillsAtTheSteadyRate() {
        let limiter = RateLimiter(limit: .init(perSecond: 40, burst: 2))
        #expect(limiter.allow("a"))
        #expect(limiter.allow("a"))
        #expect(!limiter.allow("a"))
        #expect(limiter.allow("b"))
    }
}
