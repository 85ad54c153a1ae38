import AWSSigning
import Foundation
import Testing

/// Our signer against botocore's `SigV4Auth` on the cases of AWS's published SigV4 test suite
/// (and the requests this project sends), all signed at the same fixed time.
@Suite struct SigV4BotocoreTests {
    struct Row {
        var name: String
        var method = "GET"
        var host = "example.amazonaws.com"
        var path = "/"
        var query: [(String, String)] = []
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var token: String?
        var service = "service"
        var region = "us-east-1"
    }

    static let accessKey = "AKIDEXAMPLE"
    static let secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    static let rows: [Row] = {
        var rows: [Row] = [
            Row(name: "get-vanilla"),
            Row(name: "get-vanilla-query", query: []),
            Row(name: "get-vanilla-query-order-key-case", query: [("Param2", "value2"), ("Param1", "value1")]),
            Row(name: "get-vanilla-query-order-key", query: [("Param1", "value2"), ("Param1", "Value1")]),
            Row(name: "get-vanilla-query-order-value", query: [("Param1", "value2"), ("Param1", "value1")]),
            Row(name: "get-vanilla-query-unreserved",
                query: [("-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                         "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")]),
            Row(name: "get-vanilla-utf8-query", query: [("ሴ", "bar")]),
            Row(name: "get-vanilla-empty-query-key", query: [("Param1", "")]),
            Row(name: "query-reserved-characters", query: [("a b", "c+d/e=f&g"), ("ünï", "%41*'()!"), ("Z", "")]),
            Row(name: "get-utf8 (raw path)", path: "/ሴ"),
            Row(name: "get-utf8 (encoded path)", path: "/%E1%88%B4"),
            Row(name: "get-space", path: "/example space/"),
            Row(name: "get-slash", path: "//"),
            Row(name: "get-slashes", path: "//example//"),
            Row(name: "get-slash-dot-slash", path: "/./"),
            Row(name: "get-slash-pointless-dot", path: "/./example"),
            Row(name: "get-relative", path: "/example/.."),
            Row(name: "get-relative-relative", path: "/example1/example2/../.."),
            Row(name: "get-unreserved", path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            Row(name: "get-header-key-duplicate",
                headers: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")]),
            Row(name: "get-header-value-order",
                headers: [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"),
                          ("My-Header1", "value2")]),
            Row(name: "get-header-value-trim",
                headers: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""), ("My-Header3", "\tx \t y\t")]),
            Row(name: "unsigned hop-by-hop headers",
                headers: [("User-Agent", "ecs-protect/1"), ("Connection", "keep-alive"), ("X-Amzn-Trace-Id", "Root=1")]),
            Row(name: "post-vanilla", method: "POST"),
            Row(name: "post-vanilla-query", method: "POST", query: [("Param1", "value1")]),
            Row(name: "post-header-key-case", method: "POST", headers: [("MY-HEADER1", "VALUE1")]),
            Row(name: "post-header-key-sort", method: "POST", headers: [("My-Header1", "value1"), ("a-first", "1")]),
            Row(name: "post-header-value-case", method: "POST", headers: [("My-Header1", "VALUE1")]),
            Row(name: "post-x-www-form-urlencoded", method: "POST",
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array("Param1=value1".utf8)),
            Row(name: "post-x-www-form-urlencoded-parameters", method: "POST",
                headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                body: Array("Param1=value1".utf8)),
            Row(name: "post-sts-token", method: "POST",
                token: "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="),
            Row(name: "ecs-json-post", method: "POST", host: "ecs.us-west-2.amazonaws.com",
                headers: [("Content-Type", "application/x-amz-json-1.1"),
                          ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.GetTaskProtection")],
                body: Array(#"{"cluster":"demo","tasks":["arn:aws:ecs:us-west-2:111122223333:task/demo/abc"]}"#.utf8),
                service: "ecs", region: "us-west-2"),
            Row(name: "ecs-json-post with session token and port", method: "POST", host: "127.0.0.1:4566",
                headers: [("Content-Type", "application/x-amz-json-1.1"),
                          ("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks")],
                body: Array("{}".utf8), token: "FQoGZXIvYXdzEXAMPLE/token+with=chars", service: "ecs", region: "eu-central-1"),
            Row(name: "empty body POST", method: "POST", headers: [("Content-Length", "0")], body: []),
            Row(name: "binary body", method: "PUT", path: "/bin", body: Array(0...255)),
            Row(name: "UTF-8 header value and body", method: "POST",
                headers: [("X-Label", "caf\u{E9} \u{1F600}")], body: Array("{\"name\":\"caf\u{E9}\"}".utf8)),
            Row(name: "sts query protocol", method: "POST", host: "sts.amazonaws.com",
                headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                body: Array("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=s&Version=2011-06-15".utf8),
                service: "sts", region: "us-east-1"),
        ]
        var large = Row(name: "large body (1 MiB)", method: "POST",
                        headers: [("Content-Type", "application/octet-stream")])
        large.body = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        rows.append(large)
        return rows
    }()

    @Test func signaturesEqualBotocoresOnTheWholeTable() throws {
        let cases = Self.rows.map { row in
            BotocoreReference.Case(
                method: row.method, url: "https://\(row.host)\(row.path)",
                params: row.query.map { [$0.0, $0.1] },
                headers: [["Host", row.host]] + row.headers.map { [$0.0, $0.1] },
                bodyBase64: Data(row.body).base64EncodedString(),
                accessKey: Self.accessKey, secretKey: Self.secretKey, token: row.token,
                service: row.service, region: row.region)
        }
        let references = try BotocoreReference.sign(cases)
        try #require(references.count == Self.rows.count)
        for (row, reference) in zip(Self.rows, references) {
            let request = SigV4Request(
                method: row.method, path: row.path,
                query: row.query.map { .init($0.0, $0.1) },
                headers: [.init("Host", row.host)] + row.headers.map { .init($0.0, $0.1) },
                body: row.body)
            let signed = SigV4Signer(service: row.service, region: row.region).sign(
                request,
                credentials: AWSCredentials(accessKeyID: Self.accessKey, secretAccessKey: Self.secretKey,
                                            sessionToken: row.token),
                date: BotocoreReference.signingDate)
            let header = { (name: String) in signed.headers.last { $0.name.lowercased() == name }?.value }
            #expect(header("authorization") == reference.authorization, "\(row.name)\n\(signed.canonicalRequest)")
            #expect(header("x-amz-date") == reference.amzDate, "\(row.name)")
            #expect(header("x-amz-security-token") == reference.securityToken, "\(row.name)")
        }
    }

    /// The vanilla case of AWS's published suite, whose signature is printed in the suite itself:
    /// a check that does not depend on botocore being right.
    @Test func publishedVanillaSignature() {
        let signed = SigV4Signer(service: "service", region: "us-east-1").sign(
            SigV4Request(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")]),
            credentials: AWSCredentials(accessKeyID: Self.accessKey, secretAccessKey: Self.secretKey),
            date: BotocoreReference.signingDate)
        #expect(signed.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }
}
