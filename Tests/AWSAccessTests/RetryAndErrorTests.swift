import AWSAccess
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    @Test func delaysAreCappedExponentialWithFullJitter() {
        let top = RetryPolicy(random: { 1 })
        #expect(top.delay(afterAttempt: 1, throttled: true) == 1)
        #expect(top.delay(afterAttempt: 2, throttled: true) == 2)
        #expect(top.delay(afterAttempt: 5, throttled: true) == 16)
        #expect(top.delay(afterAttempt: 6, throttled: true) == 20)
        #expect(top.delay(afterAttempt: 60, throttled: true) == 20)
        #expect(abs(top.delay(afterAttempt: 1, throttled: false) - 0.05) < 1e-12)
        #expect(abs(top.delay(afterAttempt: 3, throttled: false) - 0.2) < 1e-12)
        let bottom = RetryPolicy(random: { 0 })
        #expect(bottom.delay(afterAttempt: 4, throttled: true) == 0)
        let half = RetryPolicy(random: { 0.5 })
        #expect(half.delay(afterAttempt: 3, throttled: true) == 2)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }
}

@Suite struct AWSEndpointTests {
    @Test func endpointsSplitIntoURLHostAndPath() throws {
        let local = try AWSEndpoint("http://127.0.0.1:4566")
        #expect(local.url == "http://127.0.0.1:4566/")
        #expect(local.hostHeader == "127.0.0.1:4566")
        #expect(local.path == "/")
        let regional = try AWSEndpoint.regional(service: "ecs", region: "us-west-2")
        #expect(regional.url == "https://ecs.us-west-2.amazonaws.com/")
        #expect(regional.hostHeader == "ecs.us-west-2.amazonaws.com")
        #expect(try AWSEndpoint("https://ECS.example.com:443/base").hostHeader == "ecs.example.com")
        #expect(try AWSEndpoint.regional(service: "ecs", region: "cn-north-1").hostHeader == "ecs.cn-north-1.amazonaws.com.cn")
        #expect(try AWSEndpoint("http://[::1]:8080").hostHeader == "[::1]:8080")
    }

    @Test func badEndpointsAreOneLineErrors() {
        for bad in ["ftp://x", "http://", "http://a b", "http://host:99999", "http://user@host", "http://h/?q=1", "nothing"] {
            #expect(throws: AWSConfigurationError.self) { try AWSEndpoint(bad, source: "AWS_ENDPOINT_URL_ECS") }
        }
        do {
            _ = try AWSEndpoint("http://user:hunter2@host", source: "AWS_ENDPOINT_URL")
        } catch {
            #expect(!error.message.contains("hunter2"))
        }
        do {
            _ = try AWSEndpoint("http://\u{1B}[31mred", source: "AWS_ENDPOINT_URL")
        } catch {
            #expect(!error.message.contains("\u{1B}"))
            #expect(error.message.hasPrefix("AWS_ENDPOINT_URL:"))
        }
    }
}
