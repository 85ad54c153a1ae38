/// A request to the task-protection endpoint.
public enum ProtectionRequest: Sendable, Equatable, Hashable {
    /// GET: read the current protection.
    case get
    /// PUT: set or clear protection.
    case put(ProtectionChange)

    /// The HTTP method.
    public var method: String {
        switch self {
        case .get: "GET"
        case .put: "PUT"
        }
    }
}
