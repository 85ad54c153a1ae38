import AWSAccess
import Foundation
import Testing

/// `AWS_CA_BUNDLE` replaces the trust roots; a bundle that cannot be used is a one-line error.
@Suite struct CABundleTests {
    /// A self-signed certificate (public part only) made for this test.
    static let certificate = """
    -----BEGIN CERTIFICATE-----
    MIIBkzCCATmgAwIBAgIUNpJqZzbSzUs2K+lyVVs2bsXtewQwCgYIKoZIzj0EAwIw
    HjEcMBoGA1UEAwwTZWNzLXByb3RlY3QgdGVzdCBDQTAgFw0yNjExMjcxNjMyNTda
    GA8yMTI2MTEwMzE2MzI1N1owHjEcMBoGA1UEAwwTZWNzLXByb3RlY3QgdGVzdCBD
    QTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGrHGDowaI4+dZh8m/4UnY//lL6/
    a8SfB92/vbGgRbHmSvEboNvJwxBUYdUuGifC1mjrSQllP55L9BkfnTGWWBGjUzBR
    MB0GA1UdDgQWBBRsMHgtLXW71nVSgzeN1YS3udmdIzAfBgNVHSMEGDAWgBRsMHgt
    LXW71nVSgzeN1YS3udmdIzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gA
    MEUCIC2ElUX+/4nUhgsJEAfcaqAKCudOdL/BEv9+0y2fGjPpAiEA0dupIpRzWpiR
    Dv7K3yNqIC81thjn3qfInBLxAdvYQ/k=
    -----END CERTIFICATE-----
    """

    @Test func aPEMBundleIsAcceptedAndBadOnesAreNamed() async throws {
        try await withFiles(["ca.pem": Self.certificate + "\n", "empty.pem": "", "junk.pem": "not a certificate"]) {
            (directory: String) async throws in
            let good = try PooledHTTPTransport(environment: testEnvironment(["AWS_CA_BUNDLE": directory + "/ca.pem"]))
            await good.shutdown()
            for name in ["empty.pem", "junk.pem", "missing.pem"] {
                let path = directory + "/" + name
                let error = await configurationError {
                    let transport = try PooledHTTPTransport(environment: testEnvironment(["AWS_CA_BUNDLE": path]))
                    await transport.shutdown()
                }
                #expect(error?.message.hasPrefix("AWS_CA_BUNDLE \(path)") == true, "\(String(describing: error))")
            }
        }
    }
}
