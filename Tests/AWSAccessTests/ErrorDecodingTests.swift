import Foundation
import Testing
@testable import AWSAccess

@Suite struct ErrorDecodingTests {
    private func decode(_ status: Int, _ body: String, headers: [(String, String)] = []) -> AWSServiceError {
        JSONErrorDecoder.decode(AWSHTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }

    @Test func namespacedTypeAndEitherMessageKey() {
        let namespaced = decode(400, #"{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}"#,
                                headers: [("x-amzn-RequestId", "req-1")])
        #expect(namespaced == AWSServiceError(code: "ClusterNotFoundException", message: "Cluster not found.", requestID: "req-1", httpStatus: 400))
        let capital = decode(400, #"{"__type":"AccessDeniedException","Message":"User: x is not authorized"}"#)
        #expect(capital.code == "AccessDeniedException" && capital.message == "User: x is not authorized")
        let header = decode(400, "{}", headers: [("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/")])
        #expect(header.code == "ThrottlingException" && header.isThrottling)
    }

    @Test func bodiesThatAreNotErrorsStillGiveOneCode() {
        let html = decode(502, "<html>bad gateway</html>")
        #expect(html.code == "ServerError502" && html.isTransient)
        let xml = decode(403, "<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r-9</RequestId></ErrorResponse>")
        #expect(xml == AWSServiceError(code: "ExpiredToken", message: "The security token included in the request is expired", requestID: "r-9", httpStatus: 403))
        let hostile = decode(400, "{\"__type\":\"Bad\\u001b[2J\",\"message\":\"line\\nbreak\\u0007\"}")
        #expect(!hostile.code.contains("\u{1B}") && !hostile.message.contains("\n") && !hostile.message.contains("\u{07}"))
        let long = decode(400, #"{"__type":"X","message":""# + String(repeating: "a", count: 5000) + #""}"#)
        #expect(long.message.count <= 1001)
    }
}

@Suite struct SharedFileParserTests {
    @Test func sectionsCommentsAndNestedBlocks() {
        let config = SharedConfigFiles.parse("""
        [default]
        region = us-east-1 # trailing comment
        [profile  dev ]
        region=eu-west-1
        s3 =
          addressing_style = path
        output = json
        [sso-session corp]
        sso_region = us-east-1
        [not a profile
        key = ignored
        """, isConfigFile: true)
        #expect(config["default"] == ["region": "us-east-1"])
        #expect(config["dev"] == ["region": "eu-west-1", "output": "json"])
        #expect(config["corp"] == nil && config["sso-session corp"] == nil)
        let credentials = SharedConfigFiles.parse("[profile x]\naws_access_key_id = A\n[x]\nAWS_SECRET_ACCESS_KEY = B\n", isConfigFile: false)
        #expect(credentials["profile x"] == ["aws_access_key_id": "A"])
        #expect(credentials["x"] == ["aws_secret_access_key": "B"])
    }

    @Test func commandLinesSplitLikeAShell() {
        #expect(CredentialProcess.split(#"aws configure export-credentials --profile "my sso" --format process"#)
            == ["aws", "configure", "export-credentials", "--profile", "my sso", "--format", "process"])
        #expect(CredentialProcess.split(#"/bin/tool 'a b' c\ d "e\"f""#) == ["/bin/tool", "a b", "c d", "e\"f"])
        #expect(CredentialProcess.split("unbalanced 'quote") == nil)
        #expect(CredentialProcess.split("   ") == [])
    }
}
