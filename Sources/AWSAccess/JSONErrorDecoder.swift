import FoundationEssentials
import SafeText

/// Decodes the error body of the AWS JSON protocols (`awsJson1.0`/`1.1`, and restJson's shape).
enum JSONErrorDecoder {
    private struct Body: Decodable {
        var type: String?
        var code: String?
        var lowerMessage: String?
        var upperMessage: String?
        var errorMessage: String?

        enum CodingKeys: String, CodingKey {
            case type = "__type", code
            case lowerMessage = "message", upperMessage = "Message", errorMessage
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            code = try? container.decodeIfPresent(String.self, forKey: .code)
            lowerMessage = try? container.decodeIfPresent(String.self, forKey: .lowerMessage)
            upperMessage = try? container.decodeIfPresent(String.self, forKey: .upperMessage)
            errorMessage = try? container.decodeIfPresent(String.self, forKey: .errorMessage)
        }
    }

    /// The error of a non-2xx response. The code comes from `__type` (namespace before `#` and
    /// anything after `:` dropped), else `code`, else the `x-amzn-ErrorType` header; a body that
    /// names no error gets a code of ours naming the HTTP status.
    static func decode(_ response: AWSHTTPResponse) -> AWSServiceError {
        let body = try? JSONDecoder().decode(Body.self, from: Data(response.body))
        if body == nil, let xmlError = decodeXML(response) { return xmlError }
        let headerType = response.header("x-amzn-ErrorType")
        let rawCode = body?.type ?? body?.code ?? headerType
        let code = rawCode.map(normalize).flatMap { $0.isEmpty ? nil : $0 }
            ?? (response.status >= 500 ? "ServerError\(response.status)" : "HTTPError\(response.status)")
        let message = body?.lowerMessage ?? body?.upperMessage ?? body?.errorMessage
            ?? (body == nil ? "HTTP \(response.status) with a body that is not a JSON error" : "")
        let requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        return AWSServiceError(
            code: TextSanitizer.clean(code, limit: 200), message: TextSanitizer.clean(message),
            requestID: requestID.map { TextSanitizer.clean($0, limit: 200) }, httpStatus: response.status)
    }

    /// The Query protocol's `<ErrorResponse><Error><Code>…<Message>…</Error><RequestId>…` (STS).
    private static func decodeXML(_ response: AWSHTTPResponse) -> AWSServiceError? {
        let text = String(decoding: response.body.prefix(64 << 10), as: UTF8.self)
        guard let code = STSAssumeRole.element("Code", in: text) else { return nil }
        let requestID = STSAssumeRole.element("RequestId", in: text) ?? response.header("x-amzn-RequestId")
        return AWSServiceError(
            code: TextSanitizer.clean(code, limit: 200),
            message: TextSanitizer.clean(STSAssumeRole.element("Message", in: text) ?? ""),
            requestID: requestID.map { TextSanitizer.clean($0, limit: 200) }, httpStatus: response.status)
    }

    private static func normalize(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return code.trimmingHorizontalWhitespace()
    }
}
