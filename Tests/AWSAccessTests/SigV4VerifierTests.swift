import AWSSigning
import Foundation
import Testing

@Suite struct SigV4VerifierTests {
    private let signingDate = BotocoreReference.signingDate
    private let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token")

    private func signedHeaders(body: [UInt8] = Array("{}".utf8), path: String = "/", query: [SigV4Request.QueryParameter] = []) -> [SigV4Request.Header] {
        SigV4Signer(service: "ecs", region: "us-west-2").sign(
            SigV4Request(method: "POST", path: path, query: query,
                         headers: [.init("Host", "127.0.0.1:8080"), .init("Content-Type", "application/x-amz-json-1.1")],
                         body: body),
            credentials: credentials, date: signingDate).headers
    }

    private func verify(_ headers: [SigV4Request.Header], target: String = "/", body: [UInt8] = Array("{}".utf8),
                        at date: Date? = nil, token: String? = "token") -> Result<String, SigV4Verifier.Rejection> {
        SigV4Verifier(service: "ecs", region: "us-west-2").verify(
            method: "POST", rawTarget: target, headers: headers, body: body, now: date ?? signingDate
        ) { key in key == "AKIDEXAMPLE" ? .init(secretAccessKey: "secret", sessionToken: token) : nil }
    }

    @Test func whatTheSignerSignsTheVerifierAccepts() {
        #expect(verify(signedHeaders()) == .success("AKIDEXAMPLE"))
        let query: [SigV4Request.QueryParameter] = [.init("b", "2 3"), .init("a", "ü/")]
        let target = "/x%20y?" + SigV4Request(method: "POST", path: "/", query: query, headers: []).encodedQuery
        #expect(verify(signedHeaders(path: "/x%20y", query: query), target: target) == .success("AKIDEXAMPLE"))
    }

    @Test func everyTamperingIsRejected() {
        let headers = signedHeaders()
        #expect(verify(headers, body: Array("{ }".utf8)) == .failure(.signatureMismatch))
        #expect(verify(headers, target: "/?a=1") == .failure(.signatureMismatch))
        #expect(verify(headers.map { $0.name == "Content-Type" ? .init($0.name, "text/plain") : $0 }) == .failure(.signatureMismatch))
        #expect(verify(headers.filter { $0.name != "Authorization" }) == .failure(.missingAuthentication))
        #expect(verify(headers.filter { $0.name != "X-Amz-Security-Token" }) == .failure(.incompleteSignature(
            "Signed header 'x-amz-security-token' is missing from the request.")))
        #expect(verify(headers, token: "other") == .failure(.invalidToken))
        let stranger = headers.map { $0.name == "Authorization" ? .init($0.name, $0.value.replacingOccurrences(of: "AKIDEXAMPLE", with: "AKIDOTHER")) : $0 }
        #expect(verify(stranger) == .failure(.unknownAccessKey))
        let garbage = headers.map { $0.name == "Authorization" ? .init($0.name, "Bearer x") : $0 }
        guard case .failure(.incompleteSignature) = verify(garbage) else { Issue.record("garbage accepted"); return }
    }

    @Test func clockSkewUsesAWSWording() {
        let headers = signedHeaders()
        #expect(verify(headers, at: signingDate.addingTimeInterval(300)) == .success("AKIDEXAMPLE"))
        #expect(verify(headers, at: signingDate.addingTimeInterval(301)) == .failure(.expired(
            "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)")))
        #expect(verify(headers, at: signingDate.addingTimeInterval(-301)) == .failure(.expired(
            "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)")))
    }

    @Test func timestampsRoundTripAndRejectNonsense() {
        #expect(SigV4Timestamp(signingDate).amzDate == "20150830T123600Z")
        #expect(SigV4Timestamp.parse("20150830T123600Z") == signingDate)
        #expect(SigV4Timestamp(Date(timeIntervalSince1970: 951_782_400)).amzDate == "20000229T000000Z")
        for bad in ["20150230T000000Z", "20150830T246000Z", "2015-08-30T12:36:00Z", "20150830T123600", "2015083OT123600Z"] {
            #expect(SigV4Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
