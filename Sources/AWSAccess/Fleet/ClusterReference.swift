/// One `--cluster` value: `[PROFILE@][REGION/]CLUSTER`, or a cluster ARN taken as it is (its region
/// and account read from it). What is not given is filled from `--region`/`--profile` and the usual
/// settings later, when the cluster's access is resolved.
public struct ClusterReference: Sendable, Hashable {
    /// The profile named before `@`, if any.
    public var profile: String?
    /// The region named before `/` or read from the ARN, if any.
    public var region: String?
    /// The account, when the value is an ARN.
    public var account: String?
    /// What the ECS API's `cluster` parameter gets: the ARN as given, or the name.
    public var cluster: String
    /// The cluster's name (the ARN's last part).
    public var name: String

    /// Creates a reference from its parts.
    public init(cluster: String, name: String? = nil, region: String? = nil, profile: String? = nil, account: String? = nil) {
        self.cluster = cluster
        self.name = name ?? cluster
        self.region = region
        self.profile = profile
        self.account = account
    }

    /// The longest value read; longer is refused before anything else is looked at.
    public static let maximumLength = 1600

    /// Reads one value as hostile input.
    /// - Throws: ``ClusterReferenceError`` naming what is wrong and what the form is.
    public init(parsing text: String) throws(ClusterReferenceError) {
        guard !text.isEmpty else { throw ClusterReferenceError("--cluster needs a value ([PROFILE@][REGION/]CLUSTER or a cluster ARN)") }
        guard text.unicodeScalars.count <= Self.maximumLength else {
            throw ClusterReferenceError("--cluster is longer than \(Self.maximumLength) characters")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f || !$0.isASCII }) else {
            throw ClusterReferenceError("--cluster must be printable ASCII without spaces or control characters")
        }
        if text.hasPrefix("arn:") {
            self = try Self.fromARN(text)
            return
        }
        var rest = Substring(text)
        var profile: String?
        if let at = rest.firstIndex(of: "@") {
            let given = String(rest[..<at])
            guard !given.isEmpty, !given.contains("/" as Character) else {
                throw ClusterReferenceError("--cluster \(text): the profile before @ is empty or holds a /; the form is [PROFILE@][REGION/]CLUSTER")
            }
            profile = given
            rest = rest[rest.index(after: at)...]
        }
        var region: String?
        if let slash = rest.firstIndex(of: "/") {
            let given = String(rest[..<slash])
            guard Self.isRegion(given) else {
                throw ClusterReferenceError("--cluster \(text): '\(given)' is not a region (like us-east-1); the form is [PROFILE@][REGION/]CLUSTER")
            }
            region = given
            rest = rest[rest.index(after: slash)...]
        }
        let name = String(rest)
        guard Self.isClusterName(name) else {
            throw ClusterReferenceError("--cluster \(text): '\(name)' is not a cluster name (1-255 letters, digits, - and _)")
        }
        self.init(cluster: name, name: name, region: region, profile: profile)
    }

    /// `arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME`.
    private static func fromARN(_ text: String) throws(ClusterReferenceError) -> ClusterReference {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let form = "arn:aws:ecs:REGION:ACCOUNT:cluster/NAME"
        guard parts.count == 6, parts[1].hasPrefix("aws"), parts[2] == "ecs" else {
            throw ClusterReferenceError("--cluster \(text) is not an ECS cluster ARN (\(form))")
        }
        guard isRegion(parts[3]) else { throw ClusterReferenceError("--cluster \(text): '\(parts[3])' is not a region") }
        guard parts[4].count == 12, parts[4].allSatisfy(\.isASCIIDigit) else {
            throw ClusterReferenceError("--cluster \(text): '\(parts[4])' is not an account (12 digits)")
        }
        let resource = parts[5]
        guard resource.hasPrefix("cluster/"), isClusterName(String(resource.dropFirst("cluster/".count))) else {
            throw ClusterReferenceError("--cluster \(text): the resource must be cluster/NAME (\(form))")
        }
        return ClusterReference(cluster: text, name: String(resource.dropFirst("cluster/".count)), region: parts[3],
                                account: parts[4])
    }

    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`: lower-case words and a number.
    public static func isRegion(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count <= 32, words.count >= 3, let number = words.last, !number.isEmpty, number.allSatisfy(\.isASCIIDigit)
        else { return false }
        return words.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// ECS's rule for cluster names.
    public static func isClusterName(_ text: String) -> Bool {
        (1...255).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The reference as typed back: `PROFILE@REGION/NAME`, each part only where given.
    public var text: String {
        (profile.map { "\($0)@" } ?? "") + (region.map { "\($0)/" } ?? "") + name
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Why a `--cluster` value cannot be read, in one line.
public struct ClusterReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line to print.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
