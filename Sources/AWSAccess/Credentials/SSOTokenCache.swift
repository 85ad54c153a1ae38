import AWSSigning
import FileAccess
import FoundationEssentials
import ProtectionCore
import SafeText
#if canImport(Glibc)
import Glibc
#endif

/// The token `aws sso login` leaves in `~/.aws/sso/cache/<sha1>.json`, where the name is the
/// SHA-1 of the `sso_session` name (or, for the legacy profile keys, of the start URL).
struct SSOToken: Equatable {
    /// The bearer token for the portal.
    var accessToken: String
    /// When it stops working.
    var expiresAt: Date
    /// The refresh grant and the client registration it needs (`sso_session` form only).
    var refreshToken: String?
    var clientID: String?
    var clientSecret: String?
    /// `registrationExpiresAt` exactly as read, written back unchanged.
    var registrationExpiresAt: String?
    /// When the client registration stops working.
    var registrationExpiry: Date? { registrationExpiresAt.flatMap(SSOTokenCache.parseTime) }
}

/// Reads and writes the AWS CLI's IAM Identity Center token cache.
struct SSOTokenCache {
    /// The cache directory (`~/.aws/sso/cache`).
    let directory: String

    /// Largest token file read (a token file is a few kilobytes).
    static let maximumFileBytes = 256 << 10

    init?(environment: AWSEnvironment) {
        guard let home = environment.homeDirectory else { return nil }
        directory = home + "/.aws/sso/cache"
    }

    /// The file holding the token of `key` (session name, or start URL for the legacy form).
    func path(for key: String) -> String {
        directory + "/" + HexDigest.sha1(key) + ".json"
    }

    /// The cached token, `nil` when there is none (never signed in, or the file was removed).
    /// - Throws: ``AWSConfigurationError`` when the file exists but is unreadable or not a token.
    func load(key: String) throws(AWSConfigurationError) -> SSOToken? {
        let path = path(for: key)
        let bytes: [UInt8]
        do {
            bytes = try CheckedFile.contents(of: path, limit: Self.maximumFileBytes)
        } catch {
            if error.reason == "No such file or directory" { return nil }
            throw AWSConfigurationError("the SSO token cache \(path) could not be read: \(error.reason)")
        }
        guard let object = JSONValue.parseWhole(bytes)?.members else {
            throw AWSConfigurationError("the SSO token cache \(path) is not a JSON object")
        }
        guard let accessToken = object["accessToken"]?.string, !accessToken.isEmpty,
              let expiresText = object["expiresAt"]?.string else {
            // As botocore: a file without both is no usable sign-in.
            return nil
        }
        guard let expiresAt = Self.parseTime(expiresText) else {
            throw AWSConfigurationError("the SSO token cache \(path) has an expiresAt that is not a time")
        }
        return SSOToken(
            accessToken: accessToken, expiresAt: expiresAt, refreshToken: object["refreshToken"]?.string,
            clientID: object["clientId"]?.string, clientSecret: object["clientSecret"]?.string,
            registrationExpiresAt: object["registrationExpiresAt"]?.string)
    }

    /// Writes a refreshed token as botocore does: the fields below, `expiresAt` as
    /// `YYYY-MM-DDTHH:MM:SSZ`, to a temporary file of mode 0600 in the same directory that is
    /// then renamed over the old one, so a reader never sees half a file.
    func save(_ token: SSOToken, key: String, startURL: String, region: String) throws(AWSConfigurationError) {
        var object: [String: String] = [
            "startUrl": startURL, "region": region, "accessToken": token.accessToken,
            "expiresAt": Self.formatTime(token.expiresAt),
        ]
        object["clientId"] = token.clientID
        object["clientSecret"] = token.clientSecret
        object["registrationExpiresAt"] = token.registrationExpiresAt
        object["refreshToken"] = token.refreshToken
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(object) else {
            throw AWSConfigurationError("the refreshed SSO token could not be encoded")
        }
        let target = path(for: key)
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw AWSConfigurationError("the SSO token cache directory \(directory) could not be created: \(String(cString: strerror(errno)))")
        }
        var template = Array((directory + "/.ecs-protect-XXXXXX.tmp").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else {
            throw AWSConfigurationError("the SSO token cache \(directory) is not writable: \(String(cString: strerror(errno)))")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        _ = fchmod(descriptor, 0o600)
        let bytes = Array(data)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            written += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AWSConfigurationError("the refreshed SSO token could not be written to \(target): \(reason)")
        }
    }

    /// The times the AWS CLI and botocore write: RFC 3339 (`…Z`, an offset, fractions), and
    /// botocore's older `YYYY-MM-DDTHH:MM:SSUTC`.
    static func parseTime(_ text: String) -> Date? {
        let trimmed = text.trimmingHorizontalWhitespace()
        if let date = RFC3339.parse(trimmed) { return date }
        if trimmed.hasSuffix("UTC") { return RFC3339.parse(trimmed.dropLast(3) + "Z") }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, whole seconds, as botocore writes `expiresAt`.
    static func formatTime(_ date: Date) -> String {
        RFC3339.format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}
