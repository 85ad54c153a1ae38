import FoundationEssentials
import SafeText

/// What ``AccessDoctor`` found, for text or JSON. Never holds a secret: of the credentials only
/// the access key id and the expiry.
public struct AccessReport: Sendable, Encodable, Equatable {
    /// Who STS says the caller is.
    public struct Identity: Sendable, Encodable, Equatable {
        public var arn: String
        public var account: String
        public var userID: String?
    }

    /// Whether an ECS action is allowed.
    public enum Verdict: String, Sendable, Encodable {
        case allowed, denied, unknown
    }

    /// One ECS action probed.
    public struct ActionProbe: Sendable, Encodable, Equatable {
        public var action: String
        public var verdict: Verdict
        /// The service's message for a denial or another error; a note for an allowed call.
        public var detail: String?
        /// The IAM statement to add when denied.
        public var statement: String?
    }

    public var profile: String
    public var cluster: String
    public var region: String?
    public var regionOrigin: String?
    public var credentialSource: String?
    public var credentialsTried: [String] = []
    public var accessKeyID: String?
    public var credentialsExpire: String?
    public var ecsEndpoint: String?
    public var ecsEndpointOrigin: String?
    public var stsEndpoint: String?
    public var identity: Identity?
    public var identityProblem: String?
    /// AWS's clock minus this machine's, in seconds (positive: this machine is behind).
    public var clockSkewSeconds: Double?
    public var actions: [ActionProbe] = []
    /// What stopped the checks (no region, no credentials, a bad endpoint).
    public var problem: String?
    /// The command that fixes an expired or missing IAM Identity Center sign-in.
    public var signInCommand: String?

    init(profile: String, cluster: String) {
        self.profile = profile
        self.cluster = cluster
    }

    /// SigV4 refuses requests more than 5 minutes off; warn well before.
    public static let skewWarningSeconds: Double = 60

    /// Whether everything needed works: credentials, identity and every action allowed.
    public var isHealthy: Bool {
        problem == nil && identityProblem == nil && actions.count == AccessDoctor.actions.count
            && actions.allSatisfy { $0.verdict == .allowed } && abs(clockSkewSeconds ?? 0) < Self.skewWarningSeconds
    }

    /// The report as aligned text lines, each value made safe for a terminal.
    public var text: String {
        var lines: [String] = []
        func add(_ label: String, _ value: String) {
            lines.append(label.paddedWithSpaces(to: max(24, label.count + 1)) + TextSanitizer.clean(value, limit: 600))
        }
        add("profile", profile)
        if let region { add("region", region + (regionOrigin.map { " (from \($0))" } ?? "")) }
        if let credentialSource {
            add("credentials", credentialSource + (accessKeyID.map { ", key \($0)" } ?? "")
                + (credentialsExpire.map { ", expire \($0)" } ?? ""))
        }
        for tried in credentialsTried { add("  tried", tried) }
        if let ecsEndpoint { add("ECS endpoint", ecsEndpoint + (ecsEndpointOrigin.map { " (\($0))" } ?? "")) }
        if let identity {
            add("identity", identity.arn + " (account \(identity.account))")
        } else if let identityProblem {
            add("identity", "unknown: " + identityProblem)
        }
        if let clockSkewSeconds {
            let rounded = Int(clockSkewSeconds.rounded())
            let note = abs(clockSkewSeconds) < Self.skewWarningSeconds ? "" : " (fix this machine's clock: AWS refuses requests 5 minutes off)"
            add("clock skew", abs(clockSkewSeconds) < 1 ? "none (within a second)"
                : "\(rounded > 0 ? "+" : "")\(rounded) s against AWS\(note)")
        }
        if !actions.isEmpty { add("cluster", cluster) }
        for probe in actions {
            var line = probe.verdict.rawValue
            if let detail = probe.detail { line += probe.verdict == .allowed ? " (\(detail))" : ": \(detail)" }
            add("  " + probe.action, line)
            if let statement = probe.statement { add("", "add to the IAM policy: \(statement)") }
        }
        if let problem { add("problem", problem) }
        return lines.joined(separator: "\n") + "\n"
    }
}
