import AWSSigning
import FoundationEssentials
import ProtectionCore

/// `ecs-protect doctor`: what an operator runs first when the ECS API does not work. It finds
/// the region and credentials as every command does, names where each came from, asks STS who the
/// caller is, measures the clock against AWS's `Date`, and probes each ECS action the tool uses
/// without touching a real task: list and describe calls with limits of 1 or a made-up name, and
/// the protection calls (`UpdateTaskProtection` disabling) on a made-up task id, where a
/// `MISSING` failure proves the call was allowed.
public struct AccessDoctor: Sendable {
    /// The ECS actions ecs-protect calls, in the order probed.
    public static let actions = ["ListTasks", "DescribeTasks", "GetTaskProtection", "UpdateTaskProtection",
                                 "ListServices", "DescribeServices"]
    /// A task id no real task has (32 hex digits, as ECS's are).
    public static let probeTaskID = "00000000000000000000000000000000"
    /// A service name no real service has.
    public static let probeServiceName = "ecs-protect-doctor-probe-0000"

    let environment: AWSEnvironment
    let profile: String?
    let region: String?
    let cluster: String
    let transport: any AWSHTTPTransport
    let now: @Sendable () -> Date

    /// Creates a doctor for `cluster` (`default` when none is given).
    public init(environment: AWSEnvironment, profile: String?, region: String?, cluster: String?,
                transport: any AWSHTTPTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.environment = environment
        self.profile = profile
        self.region = region
        self.cluster = cluster ?? "default"
        self.transport = transport
        self.now = now
    }

    /// Runs every check it can; a check that cannot run says why and the rest is skipped.
    public func run() async -> AccessReport {
        var report = AccessReport(profile: profile ?? environment["AWS_PROFILE"] ?? "default", cluster: cluster)
        let resolvedRegion: String
        do {
            let found = try await RegionResolution.resolve(
                explicit: region, environment: environment, profile: report.profile, transport: transport)
            resolvedRegion = found.region
            report.region = found.region
            report.regionOrigin = found.source
        } catch {
            report.problem = error.message
            return report
        }
        let files: SharedConfigFiles
        let credentials: AWSCredentials
        do {
            files = try SharedConfigFiles(environment: environment)
            let chain = CredentialChain(environment: environment, explicitProfile: profile, region: resolvedRegion,
                                        transport: transport, now: now)
            let resolution = try await chain.resolveWithTrail()
            report.credentialSource = resolution.source
            report.credentialsTried = resolution.tried
            report.accessKeyID = resolution.credentials.accessKeyID
            report.credentialsExpire = resolution.credentials.expiration.map(RFC3339.format)
            credentials = resolution.credentials
        } catch {
            report.problem = error.message
            report.signInCommand = error.signInCommand
            return report
        }
        let profileValues = files.profiles[report.profile] ?? [:]
        let services = files.serviceSettings(profile: report.profile)
        var skews: [TimeInterval] = []
        do {
            let ecsEndpoint = try AWSEndpoint.forService(
                "ecs", region: resolvedRegion, environment: environment, profileValues: profileValues, serviceSettings: services)
            report.ecsEndpoint = ecsEndpoint.url
            report.ecsEndpointOrigin = AWSEndpoint.origin(of: "ecs", environment: environment, profileValues: profileValues,
                                                          serviceSettings: services)
            let stsEndpoint = try AWSEndpoint.forService(
                "sts", region: resolvedRegion, environment: environment, profileValues: profileValues, serviceSettings: services)
            report.stsEndpoint = stsEndpoint.url
            let provider = StaticCredentialsProvider(credentials)
            let identity = await callerIdentity(endpoint: stsEndpoint, region: resolvedRegion, credentials: provider)
            report.identity = identity.identity
            report.identityProblem = identity.problem
            skews += identity.skew.map { [$0] } ?? []
            let client = ECSClient(endpoint: ecsEndpoint, region: resolvedRegion, credentials: provider, transport: transport,
                                   retryPolicy: RetryPolicy(maxAttempts: 2), requestTimeout: 10, now: now)
            for action in Self.actions {
                let (probe, skew) = await self.probe(action, client: client)
                report.actions.append(probe)
                skews += skew.map { [$0] } ?? []
            }
        } catch {
            report.problem = error.message
            return report
        }
        // The median, so one slow answer does not move it.
        report.clockSkewSeconds = skews.sorted().dropFirst(skews.count / 2).first
        return report
    }

    // MARK: STS

    private func callerIdentity(endpoint: AWSEndpoint, region: String, credentials: any AWSCredentialsProvider)
        async -> (identity: AccessReport.Identity?, problem: String?, skew: TimeInterval?) {
        let sender = SignedRequestSender(
            endpoint: endpoint, signer: SigV4Signer(service: "sts", region: region), credentials: credentials,
            transport: transport, retryPolicy: RetryPolicy(maxAttempts: 2), requestTimeout: 10, now: now)
        let sentAt = now()
        switch await sender.post(headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                 body: Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)) {
        case .failure(let error):
            return (nil, "GetCallerIdentity at \(endpoint.url): \(error.description)", nil)
        case .success(let response):
            let xml = String(decoding: response.body, as: UTF8.self)
            guard let arn = STSAssumeRole.element("Arn", in: xml), let account = STSAssumeRole.element("Account", in: xml) else {
                return (nil, "GetCallerIdentity at \(endpoint.url): the answer names no Arn and Account", skew(response, sentAt: sentAt))
            }
            return (AccessReport.Identity(arn: TextSanitizer.clean(arn, limit: 300), account: TextSanitizer.clean(account, limit: 40),
                                          userID: STSAssumeRole.element("UserId", in: xml).map { TextSanitizer.clean($0, limit: 200) }),
                    nil, skew(response, sentAt: sentAt))
        }
    }

    /// AWS's clock minus ours, from the answer's `Date` against the middle of the call. `Date`
    /// has whole seconds, cut down: its second's middle is the best guess of the server's time.
    private func skew(_ response: AWSHTTPResponse, sentAt: Date) -> TimeInterval? {
        guard let date = response.header("Date").flatMap(HTTPDate.parse) else { return nil }
        let middle = sentAt.addingTimeInterval(now().timeIntervalSince(sentAt) / 2)
        return date.addingTimeInterval(0.5).timeIntervalSince(middle)
    }

    // MARK: ECS probes

    /// The request bodies of the probes; nil members are left out.
    private struct ProbeBody: Encodable {
        var cluster: String
        var maxResults: Int?
        var tasks: [String]?
        var services: [String]?
        var protectionEnabled: Bool?
    }

    private func probe(_ action: String, client: ECSClient) async -> (AccessReport.ActionProbe, TimeInterval?) {
        var body = ProbeBody(cluster: cluster)
        switch action {
        case "ListTasks", "ListServices": body.maxResults = 1
        case "DescribeServices": body.services = [Self.probeServiceName]
        case "UpdateTaskProtection":
            body.tasks = [Self.probeTaskID]
            body.protectionEnabled = false
        default: body.tasks = [Self.probeTaskID]
        }
        let sentAt = now()
        switch await client.rawCall(action, body: body) {
        case .success(let response):
            return (AccessReport.ActionProbe(action: action, verdict: .allowed, detail: nil, statement: nil), skew(response, sentAt: sentAt))
        case .failure(.service(let error)) where ["AccessDeniedException", "AccessDenied", "UnauthorizedOperation"].contains(error.code):
            return (AccessReport.ActionProbe(action: action, verdict: .denied, detail: error.message,
                                             statement: Self.statement(for: action)), nil)
        case .failure(.service(let error)) where error.code == "ClusterNotFoundException":
            // IAM is evaluated before the cluster is looked up: the call itself was allowed.
            return (AccessReport.ActionProbe(action: action, verdict: .allowed, detail: "but no cluster \(cluster) here", statement: nil), nil)
        case .failure(.service(let error)) where error.code == "UnknownOperationException":
            return (AccessReport.ActionProbe(action: action, verdict: .unknown,
                                             detail: "this endpoint does not know the action (UnknownOperationException)", statement: nil), nil)
        case .failure(let error):
            return (AccessReport.ActionProbe(action: action, verdict: .unknown, detail: error.description, statement: nil), nil)
        }
    }

    /// The IAM policy statement that allows `action` (on every resource: ECS scopes task actions
    /// by cluster condition, which the operator chooses).
    public static func statement(for action: String) -> String {
        #"{"Effect": "Allow", "Action": "ecs:\#(action)", "Resource": "*"}"#
    }
}
