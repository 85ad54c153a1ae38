import AWSAccess
import Foundation
import NIOCore
import NIOPosix
import ProtectionClient
import ProtectionCore
import Testing

/// The transport under test.
typealias TransportUnderTest = PooledHTTPTransport

/// The AWS transport against a real HTTPS server on loopback: what it sends and returns, connection
/// reuse, which certificates it trusts, the body cap and the deadline. Every failure must come back
/// as a ``TransportFailure`` well before the time limit, never as a hang.
@Suite(.timeLimit(.minutes(1))) struct TLSTransportTests {
    @Test func aRequestAndItsReplyCrossTLSUnchanged() async throws {
        let requestBody: [UInt8] = Array(#"{"cluster":"prod"}"#.utf8) + [0x00, 0xff, 0x0d, 0x0a]
        let responseBody: [UInt8] = Array(#"{"tasks":[]}"#.utf8) + [0x00, 0xfe]
        try await withServer({ _ in
            .init(status: 202, headers: [("x-amzn-RequestId", "req-7f3a"), ("Content-Type", "application/x-amz-json-1.1")],
                  body: responseBody)
        }) { server in
            try await withCABundle { bundle in
                let transport = try TransportUnderTest(environment: testEnvironment(["AWS_CA_BUNDLE": bundle]))
                let result = await transport.send(AWSHTTPRequest(
                    url: server.url + "/some/path?x=1", method: "POST",
                    headers: [("Host", "ecs.eu-west-1.amazonaws.com"), ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks")],
                    body: requestBody, timeout: 10))
                await transport.shutdown()

                let response = try result.get()
                #expect(response.status == 202)
                #expect(response.header("x-amzn-requestid") == "req-7f3a")
                #expect(response.header("Content-Type") == "application/x-amz-json-1.1")
                #expect(response.body == responseBody)

                try #require(server.requests.count == 1)
                let request = server.requests[0]
                #expect(request.method == "POST")
                #expect(request.uri == "/some/path?x=1")
                #expect(request.headers.filter { $0.0.lowercased() == "host" }.map(\.1) == ["ecs.eu-west-1.amazonaws.com"])
                #expect(request.header("X-Amz-Target") == "AmazonEC2ContainerServiceV20141113.ListTasks")
                #expect(request.body == requestBody)
            }
        }
    }

    @Test func twoRequestsInARowShareOneConnection() async throws {
        try await withServer({ request in .init(status: 200, body: "answer to \(request.uri)") }) { server in
            try await withCABundle { bundle in
                let transport = try TransportUnderTest(caBundlePath: bundle)
                let first = await transport.send(AWSHTTPRequest(url: server.url + "/first", method: "GET", timeout: 10))
                let second = await transport.send(AWSHTTPRequest(url: server.url + "/second", method: "GET", timeout: 10))
                await transport.shutdown()

                #expect(try first.get().body == Array("answer to /first".utf8))
                #expect(try second.get().body == Array("answer to /second".utf8))
                #expect(server.requests.map(\.uri) == ["/first", "/second"])
                #expect(server.acceptedConnections == 1)
            }
        }
    }

    @Test func withoutTheCABundleTheTestAuthorityIsNotTrusted() async throws {
        try await withServer({ _ in .init(status: 200, body: "must not be read") }) { server in
            await expectRefusedCertificate(by: try TransportUnderTest(), server: server)
        }
    }

    @Test func aCertificateForAnotherNameIsRefusedThoughItsAuthorityIsTrusted() async throws {
        try await withServer(identity: .otherExample, { _ in .init(status: 200, body: "must not be read") }) { server in
            try await withCABundle { bundle in
                await expectRefusedCertificate(by: try TransportUnderTest(caBundlePath: bundle), server: server)
            }
        }
    }

    /// An `https` agent endpoint takes the same pool's TLS path, with the system's trust roots:
    /// the test authority's certificate is refused there too, as a TLS problem, at once.
    @Test func anHTTPSAgentEndpointIsCheckedLikeAnAWSOne() async throws {
        try await withServer({ _ in .init(status: 200, body: #"{"protection":{"ProtectionEnabled":false}}"#) }) { server in
            let client = AgentHTTPClient(configuration: .init(requestTimeout: 10))
            let response = await client.send(.get, to: try EndpointParser.parse(server.url + "/api/task-1"))
            await client.shutdown()

            guard case .transport(.other(let message)) = response.result, message.hasPrefix("TLS: ") else {
                Issue.record("expected a TLS problem, got \(response.result)")
                return
            }
            #expect(response.receivedAt.timeIntervalSince(response.sentAt) < 5)
            #expect(server.acceptedConnections >= 1)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func aBodyOverTheLimitIsRefusedAndOneAtTheLimitIsNot() async throws {
        let limit = 4096
        try await withServer({ request in
            .init(status: 200, body: [UInt8](repeating: 0x61, count: Int(request.uri.dropFirst()) ?? 0))
        }) { server in
            try await withCABundle { bundle in
                let transport = try TransportUnderTest(maximumBodyBytes: limit, caBundlePath: bundle)
                let atLimit = await transport.send(AWSHTTPRequest(url: server.url + "/\(limit)", method: "GET", timeout: 10))
                let oneOver = await transport.send(AWSHTTPRequest(url: server.url + "/\(limit + 1)", method: "GET", timeout: 10))
                let farOver = await transport.send(AWSHTTPRequest(url: server.url + "/\(1 << 20)", method: "GET", timeout: 10))
                await transport.shutdown()

                #expect(try atLimit.get().body.count == limit)
                for result in [oneOver, farOver] {
                    switch result {
                    case .success(let response):
                        Issue.record("a body of \(response.body.count) bytes passed a limit of \(limit)")
                    case .failure(let failure):
                        guard case .unexpectedResponse = failure.problem else {
                            Issue.record("expected unexpectedResponse, got \(failure.problem)")
                            continue
                        }
                    }
                }
            }
        }
    }

    @Test func aServerThatNeverAnswersTimesOutByTheDeadline() async throws {
        try await withServer({ request in request.uri == "/silent" ? nil : .init(status: 200, body: "") }) { server in
            try await withCABundle { bundle in
                let transport = try TransportUnderTest(caBundlePath: bundle)
                // An open connection first, so that the short deadline is spent waiting for the reply
                // and not on a handshake slowed by whatever else the machine is running.
                let warmUp = await transport.send(AWSHTTPRequest(url: server.url + "/warm-up", method: "GET", timeout: 10))
                let started = ContinuousClock.now
                let result = await transport.send(AWSHTTPRequest(url: server.url + "/silent", method: "GET", timeout: 0.5))
                let elapsed = ContinuousClock.now - started
                await transport.shutdown()
                let settled = ContinuousClock.now - started

                #expect(try warmUp.get().status == 200)
                #expect(result.failure == TransportFailure(.timeout))
                #expect(elapsed >= .milliseconds(450), "gave up before the deadline: \(elapsed)")
                #expect(elapsed < .milliseconds(2500), "overran the deadline: \(elapsed)")
                #expect(settled < .seconds(3), "shutting down after a timed-out request took \(settled - elapsed)")
                #expect(await server.requestsEventually(count: 2).map(\.uri) == ["/warm-up", "/silent"])
            }
        }
    }

    /// A peer that accepts the connection and never answers the TLS handshake: the request
    /// ends at its deadline, as a timeout, and so does the transport's shutdown.
    @Test func aHandshakeThatNeverCompletesEndsAtTheDeadline() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(silent.localAddress?.port)
        let transport = try TransportUnderTest()
        let started = ContinuousClock.now
        let result = await transport.send(AWSHTTPRequest(url: "https://localhost:\(port)/", method: "GET", timeout: 0.5))
        let elapsed = ContinuousClock.now - started
        await transport.shutdown()
        let settled = ContinuousClock.now - started
        try await silent.close()

        #expect(result.failure == TransportFailure(.timeout))
        #expect(elapsed >= .milliseconds(450) && elapsed < .milliseconds(2500), "\(elapsed)")
        #expect(settled < .seconds(3), "shutting down after a stalled handshake took \(settled - elapsed)")
    }

    /// A plain-HTTP server at an `https` address answers the handshake with bytes that are not
    /// TLS: a failure at once, never a success, never a wait for the deadline.
    @Test func plainHTTPAtAnHTTPSAddressFailsAtOnce() async throws {
        let plain = try await LoopbackServer { _ in .init(status: 200, body: "plain") }
        let transport = try TransportUnderTest()
        let started = ContinuousClock.now
        let result = await transport.send(AWSHTTPRequest(url: "https://127.0.0.1:\(plain.port)/", method: "GET", timeout: 10))
        let elapsed = ContinuousClock.now - started
        await transport.shutdown()
        await plain.close()

        switch result {
        case .success(let response): Issue.record("a plain-HTTP answer passed as TLS (status \(response.status))")
        case .failure(let failure): #expect(failure.problem != .timeout)
        }
        #expect(elapsed < .seconds(5), "\(elapsed)")
        #expect(plain.requests.isEmpty)
    }

    /// A request through `transport` fails at the handshake: promptly, said to be TLS, not a
    /// timeout, and no request reaches the server.
    private func expectRefusedCertificate(
        by transport: TransportUnderTest, server: TLSLoopbackServer, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let started = ContinuousClock.now
        let result = await transport.send(AWSHTTPRequest(url: server.url + "/", method: "GET", timeout: 10))
        let elapsed = ContinuousClock.now - started
        await transport.shutdown()
        switch result {
        case .success(let response):
            Issue.record("an untrusted certificate was accepted (status \(response.status))", sourceLocation: sourceLocation)
        case .failure(let failure):
            guard case .other(let message) = failure.problem, message.hasPrefix("TLS: ") else {
                Issue.record("expected a TLS problem, got \(failure.problem)", sourceLocation: sourceLocation)
                break
            }
        }
        #expect(elapsed < .seconds(5), "a refused handshake took \(elapsed)", sourceLocation: sourceLocation)
        #expect(server.acceptedConnections >= 1, "the connection never reached the server", sourceLocation: sourceLocation)
        #expect(server.requests.isEmpty, sourceLocation: sourceLocation)
    }
}

/// Runs `body` with a started ``TLSLoopbackServer`` and shuts it down afterwards, thrown error or not.
private func withServer<T>(
    identity: TLSLoopbackServer.Identity = .localhost, _ handler: @escaping TLSLoopbackServer.Handler,
    _ body: (TLSLoopbackServer) async throws -> T
) async throws -> T {
    let server = try await TLSLoopbackServer(identity: identity, handler)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Runs `body` with the path of a CA bundle file holding only the test authority.
private func withCABundle<T>(_ body: (String) async throws -> T) async throws -> T {
    try await withFiles(["ca.pem": TLSLoopbackServer.certificateAuthority + "\n"]) { directory in
        try await body(directory + "/ca.pem")
    }
}

private extension TLSLoopbackServer {
    /// The requests once `count` have arrived, or those that have after two seconds: a request the
    /// client gave up on may still be in flight to the server.
    func requestsEventually(count: Int) async -> [Request] {
        let deadline = ContinuousClock.now + .seconds(2)
        while requests.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return requests
    }
}

private extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
