import FoundationEssentials
import SafeText

/// Turns what came back over HTTP into one ``ProtectionResult``. Total: any bytes in give an
/// outcome out; what the agent never sends becomes ``TransportProblem/unexpectedResponse(_:)``
/// with the status and a short, inert excerpt of the body.
///
/// The agent sends `protection` or `failure` only with 200, `error` only with 4xx/5xx, and plain
/// text only with 429 (wire-protocol.md); any other combination is unexpected. Keys are resolved
/// the way Go's `encoding/json` resolves them into the agent's types: matched case-insensitively,
/// later duplicates overriding earlier ones, a repeated object merged into the earlier one, and
/// `null` clearing a pointer field.
public enum ResponseDecoder {
    /// Decodes a response body given its HTTP status.
    public static func decode(status: Int, body: [UInt8]) -> ProtectionResult {
        if status == 429 {
            return .rateLimited(message: TerminalSafeText.excerpt(String(decoding: body.prefix(400), as: UTF8.self), limit: 200))
        }
        let unexpected = { (why: String) in ProtectionResult.transport(.unexpectedResponse("HTTP \(status): \(why)")) }
        guard let value = JSONValue.parseWhole(body), let envelope = WireEnvelope(value) else {
            return unexpected(describe(body))
        }
        switch status {
        case 200:
            switch (envelope.protection, envelope.failure, envelope.error) {
            case (let protection?, nil, nil): return decodeProtection(protection, unexpected: unexpected)
            case (nil, let failure?, nil):
                return .failure(ProtectionFailure(arn: failure["arn"], reason: failure["reason"], detail: failure["detail"]))
            case (nil, nil, nil): return unexpected("JSON has none of protection, failure, error: \(describe(body))")
            default: return unexpected("more than one of protection, failure, error: \(describe(body))")
            }
        case 400...599:
            guard let error = envelope.error, envelope.protection == nil, envelope.failure == nil else {
                return unexpected("an error status without exactly an error object: \(describe(body))")
            }
            guard let code = error["code"], !code.isEmpty else { return unexpected("error lacks Code") }
            return .error(AgentError(code: code, message: error["message"] ?? "", arn: error["arn"], requestID: envelope.requestID))
        default:
            return unexpected("a status the agent never sends: \(describe(body))")
        }
    }

    private static func decodeProtection(_ protection: WireObject,
                                         unexpected: (String) -> ProtectionResult) -> ProtectionResult {
        guard let enabled = protection.flags["protectionenabled"], let arn = protection["taskarn"] else {
            return unexpected("protection lacks ProtectionEnabled or TaskArn")
        }
        var expiration: Date?
        if let text = protection["expirationdate"] {
            guard let date = RFC3339.parse(text) else {
                return unexpected("ExpirationDate '\(TerminalSafeText.excerpt(text, limit: 40))' is not RFC 3339")
            }
            expiration = date
        }
        return .protection(TaskProtection(enabled: enabled, expirationDate: expiration,
                                          expirationDateText: protection["expirationdate"], taskArn: arn))
    }

    /// A short, inert description of a body.
    static func describe(_ body: [UInt8]) -> String {
        if body.isEmpty { return "empty body" }
        let text = String(decoding: body.prefix(160), as: UTF8.self)
        return "not an agent response (\(body.count) bytes: \"\(TerminalSafeText.excerpt(text, limit: 80))\(body.count > 160 ? "…" : "")\")"
    }
}

/// The agent's response types as Go decodes into them: `protection`, `failure` and `error` objects
/// and the `requestID` string. `nil` when a known key holds a JSON type Go would refuse.
private struct WireEnvelope {
    var protection: WireObject?
    var failure: WireObject?
    var error: WireObject?
    var requestID: String?

    init?(_ value: JSONValue) {
        switch value {
        case .null: return
        case .object(let members):
            for (key, value) in members {
                switch GoFieldName.fold(key) {
                case "protection": guard WireObject.assign(value, to: &protection, fields: ["expirationdate", "taskarn"], flags: ["protectionenabled"]) else { return nil }
                case "failure": guard WireObject.assign(value, to: &failure, fields: ["arn", "detail", "reason"], flags: []) else { return nil }
                case "error": guard WireObject.assign(value, to: &error, fields: ["arn", "code", "message"], flags: []) else { return nil }
                case "requestid":
                    switch value {
                    case .string(let text): requestID = text
                    case .null: requestID = nil
                    default: return nil
                    }
                default: continue
                }
            }
        default: return nil
        }
    }
}

/// One decoded inner object: string fields and boolean fields, by folded name.
private struct WireObject {
    var strings: [String: String] = [:]
    var flags: [String: Bool] = [:]

    subscript(name: String) -> String? { strings[name] }

    /// Applies one occurrence of the key to the field: `null` clears it, an object is decoded
    /// into the existing value (Go reuses a non-nil pointer), anything else is a type error.
    static func assign(_ value: JSONValue, to field: inout WireObject?, fields: Set<String>, flags flagNames: Set<String>) -> Bool {
        switch value {
        case .null:
            field = nil
            return true
        case .object(let members):
            var object = field ?? WireObject()
            for (key, member) in members {
                let name = GoFieldName.fold(key)
                if !fields.contains(name) && !flagNames.contains(name) { continue }  // Go ignores unknown fields
                switch member {
                case .null:
                    object.strings[name] = nil
                    object.flags[name] = nil
                case .bool(let flag) where flagNames.contains(name): object.flags[name] = flag
                case .string(let text) where fields.contains(name): object.strings[name] = text
                default: return false  // a type the agent's struct field cannot hold
                }
            }
            field = object
            return true
        default:
            return false
        }
    }
}

/// Key matching of Go's `encoding/json`: case-insensitive under Unicode simple case folding,
/// which for the agent's ASCII field names also lets U+017F (long s) stand for `s` and U+212A
/// (Kelvin sign) for `k`.
enum GoFieldName {
    static func fold(_ key: String) -> String {
        var out = ""
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0x017F: out.append("s")
            case 0x212A: out.append("k")
            case 0x41...0x5A: out.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
