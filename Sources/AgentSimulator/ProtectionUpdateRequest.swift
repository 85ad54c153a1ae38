import ProtectionCore

/// A decoded PUT body, with the agent's decoding rules: keys matched case-insensitively,
/// unknown keys and wrong types rejected, bytes after the first JSON value ignored.
struct ProtectionUpdateRequest: Equatable {
    /// `nil` when absent or `null` (the agent then answers "does not contain 'ProtectionEnabled' field").
    var protectionEnabled: Bool?
    /// As sent, 64-bit; `nil` when absent or `null`.
    var expiresInMinutes: Int64?

    /// Decodes `body`, or returns `nil` where the agent answers "failed to decode request".
    static func decode(_ body: [UInt8]) -> ProtectionUpdateRequest? {
        guard let value = JSONValue.parseFirst(body) else { return nil }
        var request = ProtectionUpdateRequest()
        switch value {
        case .null:
            return request
        case .object(let members):
            for member in members {
                switch member.key.lowercased() {
                case "protectionenabled":
                    switch member.value {
                    case .bool(let flag): request.protectionEnabled = flag
                    case .null: request.protectionEnabled = nil
                    default: return nil
                    }
                case "expiresinminutes":
                    switch member.value {
                    case .number(let text):
                        guard let minutes = Int64(text) else { return nil }
                        request.expiresInMinutes = minutes
                    case .null: request.expiresInMinutes = nil
                    default: return nil
                    }
                default:
                    return nil
                }
            }
            return request
        default:
            return nil
        }
    }
}
