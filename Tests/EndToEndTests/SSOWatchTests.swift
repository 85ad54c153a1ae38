import Foundation
import Testing

/// A laptop's morning: `aws sso login` has left its token in `~/.aws/sso/cache`, the profile
/// names an sso-session, and `watch --cluster` needs nothing else. The simulator plays the
/// IAM Identity Center portal next to the ECS API. When the sign-in ends, the header says which
/// command renews it and the table keeps what it last knew.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct SSOWatchTests {
    private static var tmuxAvailable: Bool {
        (try? ProcessRunner.run("/usr/bin/env", ["tmux", "-V"], timeout: 10).status) == 0
    }

    static let accessToken = "e2e-sso-access-token"
    /// sha1("corp"), the file name the AWS CLI gives the token of sso-session `corp` (Python's hashlib).
    static let cacheName = "ee0bfd2552fbd840c02cc48b6e823320543c450f.json"

    /// A home directory with the profile, its sso-session, a services section pointing at the
    /// simulator, and the token cache as `aws sso login` writes it.
    static func signedInHome(endpoint: String, tokenLifetime: TimeInterval) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ecs-protect-sso-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.aws/sso/cache", withIntermediateDirectories: true)
        try """
        [profile sim]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Operator
        region = us-west-2
        services = sim

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access

        [services sim]
        ecs =
          endpoint_url = \(endpoint)
        sso =
          endpoint_url = \(endpoint)
        """.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        let formatter = ISO8601DateFormatter()
        let expiresAt = formatter.string(from: Date().addingTimeInterval(tokenLifetime))
        try """
        {"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1", "accessToken": "\(accessToken)", "expiresAt": "\(expiresAt)"}
        """.write(toFile: home + "/.aws/sso/cache/" + cacheName, atomically: true, encoding: .utf8)
        return home
    }

    @Test(.enabled(if: tmuxAvailable))
    func aSignedInProfileWatchesAndAskForALoginWhenTheSignInEnds() async throws {
        // Role credentials last 15 s, the sign-in 25 s: the dashboard renews the former from the
        // latter until the sign-in ends, then the credentials run out.
        let simulator = try SimulateInBackground(["--tasks", "3", "--sso-token", Self.accessToken, "--role-credentials-ttl", "15"])
        let exports = try await simulator.environment()
        let endpoint = try #require(exports["AWS_ENDPOINT_URL_ECS"])
        let home = try Self.signedInHome(endpoint: endpoint, tokenLifetime: 25)
        defer { try? FileManager.default.removeItem(atPath: home) }
        // Nothing of AWS but the home directory: no keys, no endpoint variables.
        var environment = ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"]
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION",
                     "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECS", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] {
            environment[name] = ""
        }
        let session = try TmuxSession.runningInShell("watch --cluster demo --profile sim --interval 2", width: 120, height: 30,
                                                     environment: environment)
        let header = { (screen: String) in screen.split(separator: "\n").first.map(String.init) ?? "" }
        let ready = try session.waitForScreen(timeout: 20) { header($0).contains("3 tasks: 0 protected") }
        #expect(ready.matched, "the signed-in profile never showed the cluster:\n\(ready.screen)")

        let relogin = try session.waitForScreen(timeout: 90) { $0.contains("aws sso login --profile sim") }
        #expect(relogin.matched, "no re-login line after the sign-in ended:\n\(relogin.screen)")
        #expect(header(relogin.screen).contains("aws sso login --profile sim") || relogin.screen.split(separator: "\n").prefix(3)
            .contains { $0.contains("aws sso login --profile sim") }, "the line is in the header:\n\(relogin.screen)")
        // The last known state stays.
        #expect(relogin.screen.contains("3 tasks"), "\(relogin.screen)")
        #expect(relogin.screen.split(separator: "\n").filter { $0.contains("/") && $0.contains("unprotected") }.count >= 3
                    || relogin.screen.contains("unprotected"), "\(relogin.screen)")
        try session.type("q")
        #expect(try session.waitForScreen(timeout: 10) { $0.contains("exit=0") }.matched)
    }

    @Test func anExpiredSignInIsOneLineAndExit64() async throws {
        let simulator = try SimulateInBackground(["--tasks", "1", "--sso-token", Self.accessToken])
        let exports = try await simulator.environment()
        let home = try Self.signedInHome(endpoint: try #require(exports["AWS_ENDPOINT_URL_ECS"]), tokenLifetime: -60)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try ProcessRunner.run(try ProductBinary.path, ["get", "--cluster", "demo", "--profile", "sim"],
                                           environment: ["HOME": home, "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"],
                                           timeout: 30)
        #expect(result.status == 64)
        #expect(result.standardError == "ecs-protect: the SSO sign-in of profile sim has expired; run: aws sso login --profile sim\n",
                "\(result.standardError)")
        // doctor says the same, after the region it found, and exits 64 too.
        let doctor = try ProcessRunner.run(try ProductBinary.path, ["doctor", "--cluster", "demo", "--profile", "sim", "--json"],
                                           environment: ["HOME": home, "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"],
                                           timeout: 30)
        #expect(doctor.status == 64)
        let report = try JSONSerialization.jsonObject(with: Data(doctor.standardOutput.utf8)) as? [String: Any]
        #expect(report?["signInCommand"] as? String == "aws sso login --profile sim", "\(doctor.standardOutput)")
        #expect(report?["regionOrigin"] as? String == "profile sim")
    }
}
