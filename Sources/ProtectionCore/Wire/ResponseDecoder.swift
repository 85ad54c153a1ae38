import Foundation

/// Turns what came back over HTTP into one ``ProtectionResult``. Total: any bytes in give an
/// outcome out; what the agent never sends becomes ``TransportProblem/unexpectedResponse(_:)``.
public enum ResponseDecoder {
    /// Decodes a response body given its HTTP status.
    public static func decode(status: Int, body: [UInt8]) -> ProtectionResult {
        if status == 429 {
            return .rateLimited(message: String(decoding: body.prefix(200), as: UTF8.self))
        }
        guard let envelope = try? JSONDecoder().decode(WireEnvelope.self, from: Data(body)) else {
            return .transport(.unexpectedResponse("HTTP \(status): \(describe(body))"))
        }
        if let protection = envelope.protection {
            guard let enabled = protection.ProtectionEnabled, let arn = protection.TaskArn else {
                return .transport(.unexpectedResponse("HTTP \(status): protection lacks ProtectionEnabled or TaskArn"))
            }
            var expiration: Date?
            if let text = protection.ExpirationDate {
                guard let date = RFC3339.parse(text) else {
                    return .transport(.unexpectedResponse("HTTP \(status): ExpirationDate '\(text.prefix(40))' is not RFC 3339"))
                }
                expiration = date
            }
            return .protection(TaskProtection(enabled: enabled, expirationDate: expiration,
                                              expirationDateText: protection.ExpirationDate, taskArn: arn))
        }
        if let failure = envelope.failure {
            return .failure(ProtectionFailure(arn: failure.Arn, reason: failure.Reason, detail: failure.Detail))
        }
        if let error = envelope.error {
            guard let code = error.Code else {
                return .transport(.unexpectedResponse("HTTP \(status): error lacks Code"))
            }
            return .error(AgentError(code: code, message: error.Message ?? "", arn: error.Arn, requestID: envelope.requestID))
        }
        return .transport(.unexpectedResponse("HTTP \(status): JSON has none of protection, failure, error"))
    }

    /// A short, printable description of a body that could not be decoded.
    static func describe(_ body: [UInt8]) -> String {
        if body.isEmpty { return "empty body" }
        let text = String(decoding: body.prefix(80), as: UTF8.self)
        let printable = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
            .trimmingWhitespace()
        return "not an agent response (\(body.count) bytes: \"\(printable)\(body.count > 80 ? "…" : "")\")"
    }
}

/// The JSON shapes of wire-protocol.md, every field optional so that validation can say what is missing.
private struct WireEnvelope: Decodable {
    struct Protection: Decodable {
        var ExpirationDate: String?
        var ProtectionEnabled: Bool?
        var TaskArn: String?
    }
    struct Failure: Decodable {
        var Arn: String?
        var Detail: String?
        var Reason: String?
    }
    struct ErrorBody: Decodable {
        var Arn: String?
        var Code: String?
        var Message: String?
    }
    var protection: Protection?
    var failure: Failure?
    var error: ErrorBody?
    var requestID: String?
}
