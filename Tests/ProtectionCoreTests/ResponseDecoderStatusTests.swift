import Testing
@testable import ProtectionCore
import SafeText

/// What the agent never sends is not believed, and keys resolve the way Go's `encoding/json` does.
@Suite struct ResponseDecoderStatusTests {
    private let protection = #"{"protection":{"ExpirationDate":null,"ProtectionEnabled":true,"TaskArn":"arn"}}"#

    private func decode(_ status: Int, _ body: String) -> ProtectionResult {
        ResponseDecoder.decode(status: status, body: Array(body.utf8))
    }

    private func unexpectedDetail(_ result: ProtectionResult) -> String? {
        guard case .transport(.unexpectedResponse(let detail)) = result else { return nil }
        return detail
    }

    @Test(arguments: [500, 400, 302, 999, 201, 204, 100])
    func protectionWithAnyStatusButOKIsUnexpected(status: Int) {
        let detail = unexpectedDetail(decode(status, protection))
        #expect(detail?.hasPrefix("HTTP \(status):") == true, "\(decode(status, protection))")
    }

    @Test func failureOnlyWith200AndErrorOnlyWithAnErrorStatus() {
        #expect(unexpectedDetail(decode(500, #"{"failure":{"Reason":"TASK_NOT_VALID"}}"#)) != nil)
        #expect(unexpectedDetail(decode(200, #"{"error":{"Code":"ServerException","Message":"m"}}"#)) != nil)
        #expect(unexpectedDetail(decode(302, #"{"error":{"Code":"ServerException","Message":"m"}}"#)) != nil)
    }

    @Test func twoOutcomesInOneBodyAreUnexpectedNotSilentlyOne() {
        let both = #"{"protection":{"ProtectionEnabled":true,"TaskArn":"a"},"failure":{"Reason":"TASK_NOT_VALID"}}"#
        #expect(unexpectedDetail(decode(200, both))?.contains("more than one") == true)
        let withError = #"{"error":{"Code":"ServerException"},"failure":{"Reason":"X"}}"#
        #expect(unexpectedDetail(decode(500, withError)) != nil)
    }

    @Test func keysMatchCaseInsensitivelyLikeGo() {
        let shouting = #"{"PROTECTION":{"expirationdate":null,"PROTECTIONENABLED":true,"taskArn":"arn"}}"#
        guard case .protection(let value) = decode(200, shouting) else { Issue.record("\(decode(200, shouting))"); return }
        #expect(value.enabled && value.taskArn == "arn")
        // Go folds U+212A KELVIN SIGN to k and U+017F LONG S to s.
        let folded = "{\"protection\":{\"ProtectionEnabled\":true,\"Tas\u{212A}Arn\":\"kelvin\"}}"
        guard case .protection(let kelvin) = decode(200, folded) else { Issue.record("\(decode(200, folded))"); return }
        #expect(kelvin.taskArn == "kelvin")
        let longS = "{\"failure\":{\"Rea\u{017F}on\":\"TASK_NOT_VALID\"}}"
        #expect(decode(200, longS) == .failure(ProtectionFailure(arn: nil, reason: "TASK_NOT_VALID", detail: nil)))
    }

    @Test func laterDuplicatesWinAndRepeatedObjectsMerge() {
        let later = #"{"protection":{"ProtectionEnabled":false,"TaskArn":"first","TaskArn":"second","protectionenabled":true}}"#
        guard case .protection(let value) = decode(200, later) else { Issue.record("\(decode(200, later))"); return }
        #expect(value.enabled && value.taskArn == "second")
        // Go decodes a repeated object into the struct the pointer already holds.
        let merged = #"{"protection":{"TaskArn":"arn"},"Protection":{"ProtectionEnabled":true}}"#
        guard case .protection(let mergedValue) = decode(200, merged) else { Issue.record("\(decode(200, merged))"); return }
        #expect(mergedValue.enabled && mergedValue.taskArn == "arn")
        // null clears what came before.
        let cleared = #"{"failure":{"Reason":"X"},"failure":null,"protection":{"ProtectionEnabled":false,"TaskArn":"a"}}"#
        guard case .protection = decode(200, cleared) else { Issue.record("\(decode(200, cleared))"); return }
        // The last requestID is the one reported.
        let ids = #"{"requestID":"a","RequestId":"b","error":{"Code":"ThrottlingException","Message":"m"}}"#
        guard case .error(let error) = decode(400, ids) else { Issue.record("\(decode(400, ids))"); return }
        #expect(error.requestID == "b")
    }

    @Test func excerptsAreShortAndInert() {
        let body = "\u{1B}]52;c;aGk=\u{07}" + String(repeating: "x", count: 5000)
        let detail = unexpectedDetail(decode(502, body)) ?? ""
        #expect(!TerminalSafeText.containsUnsafe(detail))
        #expect(detail.count < 200)
        #expect(detail.contains(#"\x1b]52"#))
        guard case .rateLimited(let message) = decode(429, "\u{1B}[2Jslow down\r\n") else { Issue.record("not 429"); return }
        #expect(!TerminalSafeText.containsUnsafe(message))
    }
}
