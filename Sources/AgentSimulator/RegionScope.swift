/// The region a SigV4-signed request was signed for, read from its credential scope: how one
/// ECS API port that serves several regions tells them apart.
enum RegionScope {
    /// The region of `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, …`, or nil
    /// when the header has no such scope (hostile or malformed headers included).
    static func region(ofAuthorization authorization: String) -> String? {
        guard authorization.utf8.count <= 8192, let range = authorization.firstRange(of: "Credential=") else { return nil }
        let credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, !parts[2].isEmpty, parts[2].count <= 32 else { return nil }
        return String(parts[2])
    }
}
