import AWSSigning
import FoundationEssentials
import ProtectionCore
import Synchronization

/// Why a signed call produced no successful response.
public enum AWSCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service answered with an error.
    case service(AWSServiceError)
    /// No answer: refused, timed out, reset, DNS, or a body that is not the service's.
    case transport(TransportProblem)
    /// No credentials (or another configuration problem) before anything was sent.
    case configuration(AWSConfigurationError)

    public var description: String {
        switch self {
        case .service(let error): error.description
        case .transport(let problem): "\(problem.code): \(problem.message)"
        case .configuration(let error): error.message
        }
    }

    /// This error as the agent endpoint's error object, for task `arn`.
    public func agentError(arn: String?) -> AgentError {
        switch self {
        case .service(let error): AgentError(code: error.code, message: error.message, arn: arn, requestID: error.requestID)
        case .transport(let problem): AgentError(code: problem.code, message: problem.message, arn: arn)
        case .configuration(let error):
            AgentError(code: error.signInCommand == nil ? "CredentialsError" : ProblemHint.signInRequiredCode,
                       message: error.message, arn: arn)
        }
    }

    /// This error as a per-task outcome.
    public func protectionResult(arn: String?) -> ProtectionResult {
        if case .transport(let problem) = self { return .transport(problem) }
        return .error(agentError(arn: arn))
    }

    /// The HTTP status of a service error.
    public var httpStatus: Int? {
        if case .service(let error) = self { return error.httpStatus }
        return nil
    }
}

/// Signs and sends requests to one AWS service endpoint, retrying as the SDKs' standard mode does.
public final class SignedRequestSender: Sendable {
    /// The service's endpoint URL (`https://ecs.us-west-2.amazonaws.com`, or an override).
    public let endpoint: AWSEndpoint
    /// The signer (service signing name and region).
    public let signer: SigV4Signer
    private let credentialsProvider: any AWSCredentialsProvider
    private let transport: any AWSHTTPTransport
    private let retryPolicy: RetryPolicy
    private let retryQuota: RetryQuota
    private let requestTimeout: Double
    private let now: @Sendable () -> Date
    private let attempts = Atomic<Int>(0)

    /// Creates a sender. `requestTimeout` bounds each attempt (head and body).
    public init(
        endpoint: AWSEndpoint, signer: SigV4Signer, credentials: any AWSCredentialsProvider,
        transport: any AWSHTTPTransport, retryPolicy: RetryPolicy = .standard, retryQuota: RetryQuota = RetryQuota(),
        requestTimeout: Double = 10, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.signer = signer
        credentialsProvider = credentials
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.retryQuota = retryQuota
        self.requestTimeout = requestTimeout
        self.now = now
    }

    /// HTTP requests sent so far, retries included (what the account's API rate limits count).
    public var requestsSent: Int { attempts.load(ordering: .relaxed) }

    /// A signed POST of `body` to the endpoint's path with `headers`; returns the 2xx response.
    public func post(headers: [(String, String)], body: [UInt8]) async -> Result<AWSHTTPResponse, AWSCallError> {
        var attempt = 1
        while true {
            let credentials: AWSCredentials
            do {
                credentials = try await credentialsProvider.credentials()
            } catch {
                return .failure(.configuration(error))
            }
            let request = SigV4Request(
                method: "POST", path: endpoint.path,
                headers: [.init("Host", endpoint.hostHeader)] + headers.map { .init($0.0, $0.1) }, body: body)
            let signed = signer.sign(request, credentials: credentials, date: now())
            attempts.add(1, ordering: .relaxed)
            let outcome = await transport.send(AWSHTTPRequest(
                url: endpoint.url, method: "POST", headers: signed.headers.map { ($0.name, $0.value) }, body: body,
                timeout: requestTimeout))
            let failure: AWSCallError
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                retryQuota.release(attempt == 1 ? 1 : RetryQuota.retryCost)
                return .success(response)
            case .success(let response):
                failure = .service(JSONErrorDecoder.decode(response))
            case .failure(let transportFailure):
                failure = .transport(transportFailure.problem)
            }
            guard attempt < retryPolicy.maxAttempts, let kind = Self.retryKind(failure),
                  retryQuota.acquire(failure == .transport(.timeout) ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost)
            else { return .failure(failure) }
            let delay = retryPolicy.delay(afterAttempt: attempt, throttled: kind == .throttling)
            if delay > 0 { try? await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
            if Task.isCancelled { return .failure(failure) }
            attempt += 1
        }
    }

    /// Why an error is worth another attempt.
    enum RetryKind {
        /// Throttling: backs off on the longer base.
        case throttling
        /// 5xx, transient codes, connection problems.
        case transient
    }

    /// How the standard mode treats `failure`; `nil` when it is not retried.
    static func retryKind(_ failure: AWSCallError) -> RetryKind? {
        switch failure {
        case .service(let error):
            if error.isThrottling { return .throttling }
            return error.isTransient ? .transient : nil
        case .transport(let problem):
            switch problem {
            case .connectionRefused, .connectionReset, .timeout, .other: return .transient
            case .dnsFailure, .unexpectedResponse: return nil
            }
        case .configuration:
            return nil
        }
    }
}
