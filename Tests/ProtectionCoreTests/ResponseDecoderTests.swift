import Foundation
import Testing
@testable import ProtectionCore

/// Every body of wire-protocol.md, verbatim, plus what the agent never sends.
@Suite struct ResponseDecoderTests {
    private let arn = "arn:aws:ecs:us-west-2:111122223333:task/my-cluster/0123456789abcdef0123456789abcdef"

    private func decode(_ status: Int, _ body: String) -> ProtectionResult {
        ResponseDecoder.decode(status: status, body: Array(body.utf8))
    }

    @Test func protectedWithFractionalExpiration() {
        let result = decode(200, #"{"protection":{"ExpirationDate":"2030-01-01T00:00:00.123Z","ProtectionEnabled":true,"TaskArn":"\#(arn)"}}"#)
        guard case .protection(let protection) = result else { Issue.record("got \(result)"); return }
        #expect(protection.enabled)
        #expect(protection.taskArn == arn)
        #expect(protection.expirationDateText == "2030-01-01T00:00:00.123Z")
        #expect(abs(protection.expirationDate!.timeIntervalSince1970 - 1_893_456_000.123) < 0.0005)
    }

    @Test func unprotectedWithNullExpiration() {
        let result = decode(200, #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":"\#(arn)"}}"#)
        #expect(result == .protection(TaskProtection(enabled: false, expirationDate: nil, expirationDateText: nil, taskArn: arn)))
    }

    @Test func seedDocumentExampleWithWhitespace() {
        let body = """
        {
            "protection":{
                "ExpirationDate":"2022-10-06T02:29:16Z",
                "ProtectionEnabled":true,
                "TaskArn":"arn:aws:ecs:us-west-2:111122223333:task/1234567890abcdef0"
            }
        }
        """
        guard case .protection(let protection) = decode(200, body) else { Issue.record("not protection"); return }
        #expect(protection.expirationDate == Date(timeIntervalSince1970: 1_665_023_356))
    }

    @Test func failureWithNullDetail() {
        let result = decode(200, #"{"failure":{"Arn":"\#(arn)","Detail":null,"Reason":"TASK_NOT_VALID"}}"#)
        #expect(result == .failure(ProtectionFailure(arn: arn, reason: "TASK_NOT_VALID", detail: nil)))
        #expect(result.problemCode == "TASK_NOT_VALID")
    }

    @Test(arguments: [
        (500, #"{"error":{"Arn":"ARN","Code":"ServerException","Message":"Unexpected error occurred"}}"#, "ServerException", "ARN", nil as String?),
        (400, #"{"error":{"Code":"InvalidParameterException","Message":"UpdateTaskProtection: failed to decode request"}}"#, "InvalidParameterException", nil, nil),
        (400, #"{"error":{"Arn":"ARN","Code":"InvalidParameterException","Message":"Invalid request: does not contain 'ProtectionEnabled' field"}}"#, "InvalidParameterException", "ARN", nil),
        (404, #"{"error":{"Code":"ResourceNotFoundException","Message":"Failed to find a task for the request"}}"#, "ResourceNotFoundException", nil, nil),
        (403, #"{"error":{"Arn":"ARN","Code":"AccessDeniedException","Message":"Invalid Request: no task IAM role credentials available for task"}}"#, "AccessDeniedException", "ARN", nil),
        (400, #"{"requestID":"8f1c2d3e-0000-4000-8000-000000000001","error":{"Arn":"ARN","Code":"ThrottlingException","Message":"Rate exceeded"}}"#, "ThrottlingException", "ARN", "8f1c2d3e-0000-4000-8000-000000000001"),
        (500, #"{"requestID":"r-1","error":{"Arn":"ARN","Code":"ServerException","Message":"boom"}}"#, "ServerException", "ARN", "r-1"),
        (504, #"{"error":{"Arn":"ARN","Code":"RequestCanceled","Message":"Timed out calling ECS Task Protection API"}}"#, "RequestCanceled", "ARN", nil),
    ])
    func errorRows(status: Int, body: String, code: String, arn: String?, requestID: String?) {
        guard case .error(let error) = decode(status, body) else { Issue.record("not an error: \(body)"); return }
        #expect(error.code == code)
        #expect(error.arn == arn)
        #expect(error.requestID == requestID)
        #expect(!error.message.isEmpty)
    }

    @Test func rateLimitedPlainText() {
        #expect(decode(429, "You have reached maximum request limit.") == .rateLimited(message: "You have reached maximum request limit."))
    }

    @Test func everyBackoffClassification() {
        #expect(decode(429, "x").callsForBackoff(httpStatus: 429))
        #expect(decode(400, #"{"error":{"Code":"ThrottlingException","Message":"m"}}"#).callsForBackoff(httpStatus: 400))
        #expect(decode(504, #"{"error":{"Code":"RequestCanceled","Message":"m"}}"#).callsForBackoff(httpStatus: 504))
        #expect(decode(500, #"{"error":{"Code":"ServerException","Message":"m"}}"#).callsForBackoff(httpStatus: 500))
        #expect(!decode(403, #"{"error":{"Code":"AccessDeniedException","Message":"m"}}"#).callsForBackoff(httpStatus: 403))
        #expect(!decode(200, #"{"failure":{"Arn":"a","Detail":null,"Reason":"TASK_NOT_VALID"}}"#).callsForBackoff(httpStatus: 200))
    }

    @Test(arguments: [
        (404, "404 page not found\n"),
        (405, ""),
        (200, #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":"true","TaskArn":"a"}}"#),
        (200, #"{"protection":{"ExpirationDate":12,"ProtectionEnabled":true,"TaskArn":"a"}}"#),
        (200, #"{"protection":{"ExpirationDate":"tomorrow","ProtectionEnabled":true,"TaskArn":"a"}}"#),
        (200, #"{"protection":{"ExpirationDate":"2030-01-01T00:00:00.1234567891Z","ProtectionEnabled":true,"TaskArn":"a"}}"#),
        (200, #"{"protection":{"ProtectionEnabled":true}}"#),
        (200, #"{"protection":{"ExpirationDate":null,"Protec"#),
        (200, #"{"error":{"Message":"no code"}}"#),
        (200, #"{"unrelated":1}"#),
        (200, "[1,2,3]"),
        (200, "null"),
        (200, "<html>bad gateway</html>"),
        (200, #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":false,"TaskArn":"a"}} trailing"#),
    ])
    func notAnAgentResponse(status: Int, body: String) {
        guard case .transport(.unexpectedResponse(let detail)) = decode(status, body) else {
            Issue.record("expected unexpectedResponse for \(body)"); return
        }
        #expect(detail.contains("HTTP \(status)"))
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SeededRandomNumberGenerator(seed: 42)
        let seeds = [Array(#"{"protection":{"ExpirationDate":"2030-01-01T00:00:00Z","ProtectionEnabled":true,"TaskArn":"a"}}"#.utf8),
                     Array(#"{"failure":{"Arn":"a","Detail":null,"Reason":"TASK_NOT_VALID"}}"#.utf8)]
        for round in 0..<2000 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: position)
                default: bytes = Array(bytes.prefix(position))
                }
                if bytes.isEmpty { break }
            }
            _ = ResponseDecoder.decode(status: 200, body: bytes)
        }
        let oversized = Array(repeating: UInt8(ascii: "["), count: 200_000)
        guard case .transport = ResponseDecoder.decode(status: 200, body: oversized) else { Issue.record("deep nesting accepted"); return }
    }
}
