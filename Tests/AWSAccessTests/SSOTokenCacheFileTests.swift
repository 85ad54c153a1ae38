import Foundation
import Testing
@testable import AWSAccess

/// The token cache file is botocore's and the AWS CLI's as much as ours: what the refresh writes
/// must stay byte for byte what the program wrote with `JSONSerialization` (sorted keys, slashes
/// escaped), and read back the same.
@Suite struct SSOTokenCacheFileTests {
    @Test func aRefreshedTokenIsWrittenAsJSONSerializationWroteItAndReadsBack() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sso-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let cache = try #require(SSOTokenCache(environment: AWSEnvironment(variables: [:], homeDirectory: home)))
        let token = SSOToken(accessToken: "a/b+c=\u{1}é\u{2028}\"\\", expiresAt: Date(timeIntervalSince1970: 1_800_000_000),
                             refreshToken: "r/1", clientID: "client", clientSecret: "s€cret", registrationExpiresAt: "2099-01-01T00:00:00Z")
        try FileManager.default.createDirectory(atPath: home + "/.aws/sso", withIntermediateDirectories: true)
        try cache.save(token, key: "corp", startURL: "https://corp.awsapps.com/start", region: "eu-west-1")
        let written = try Data(contentsOf: URL(fileURLWithPath: cache.path(for: "corp")))
        let expected = try JSONSerialization.data(withJSONObject: [
            "startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": token.accessToken,
            "expiresAt": "2027-01-15T08:00:00Z", "clientId": "client", "clientSecret": "s€cret",
            "registrationExpiresAt": "2099-01-01T00:00:00Z", "refreshToken": "r/1",
        ], options: [.sortedKeys])
        #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
        #expect(try cache.load(key: "corp") == token)
    }

    @Test func aFileThatIsNotAnObjectIsRefused() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sso-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let cache = try #require(SSOTokenCache(environment: AWSEnvironment(variables: [:], homeDirectory: home)))
        try FileManager.default.createDirectory(atPath: cache.directory, withIntermediateDirectories: true)
        for text in ["[1]", "{\"accessToken\":\"x\"", "{} {}"] {
            try text.write(toFile: cache.path(for: "corp"), atomically: true, encoding: .utf8)
            #expect(throws: AWSConfigurationError.self) { try cache.load(key: "corp") }
        }
        try #"{"accessToken":"old","accessToken":"new","expiresAt":"2027-01-15T08:00:00Z"}"#
            .write(toFile: cache.path(for: "corp"), atomically: true, encoding: .utf8)
        #expect(try cache.load(key: "corp")?.accessToken == "new")
    }

    @Test func withoutHOMETheHomeDirectoryComesFromThePasswordDatabase() throws {
        let home = try #require(AWSEnvironment.passwordDatabaseHome())
        #expect(home == NSHomeDirectoryForUser(NSUserName()))
    }
}
