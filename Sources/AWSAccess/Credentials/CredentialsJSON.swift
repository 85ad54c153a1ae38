import AWSSigning
import FoundationEssentials
import ProtectionCore

/// The JSON credential documents of the container endpoint, instance metadata and
/// `credential_process`: `AccessKeyId`, `SecretAccessKey`, `Token`/`SessionToken`, `Expiration`.
enum CredentialsJSON {
    private struct Document: Decodable {
        var version: Int?
        var accessKeyID: String?
        var secretAccessKey: String?
        var token: String?
        var sessionToken: String?
        var expiration: String?
        var code: String?

        enum CodingKeys: String, CodingKey {
            case version = "Version", accessKeyID = "AccessKeyId", secretAccessKey = "SecretAccessKey"
            case token = "Token", sessionToken = "SessionToken", expiration = "Expiration", code = "Code"
        }
    }

    /// Decodes a document; errors name `source` and never quote the document (it holds secrets).
    static func decode(_ bytes: [UInt8], source: String, requireVersion: Bool = false) throws(AWSConfigurationError) -> AWSCredentials {
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(bytes)) else {
            throw AWSConfigurationError("\(source) did not return a JSON credentials document")
        }
        if requireVersion, document.version != 1 {
            throw AWSConfigurationError("\(source) returned an unsupported Version (expected 1)")
        }
        if let code = document.code, code != "Success" {
            throw AWSConfigurationError("\(source) returned Code \(TextSanitizer.clean(code, limit: 100))")
        }
        guard let keyID = document.accessKeyID, !keyID.isEmpty, let secret = document.secretAccessKey, !secret.isEmpty else {
            throw AWSConfigurationError("\(source) returned no AccessKeyId and SecretAccessKey")
        }
        var expiration: Date?
        if let text = document.expiration {
            guard let date = RFC3339.parse(text) else {
                throw AWSConfigurationError("\(source) returned an Expiration that is not an RFC 3339 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret,
                              sessionToken: document.token ?? document.sessionToken, expiration: expiration)
    }
}
