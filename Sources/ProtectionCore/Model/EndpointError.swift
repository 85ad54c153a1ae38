import SafeText

/// Why an endpoint argument was refused. The description is meant for the operator.
public enum EndpointError: Error, Equatable, CustomStringConvertible {
    case empty(String)
    case emptyLabel(String)
    case missingScheme(String)
    case unsupportedScheme(String, scheme: String)
    case invalidCharacters(String)
    case userInfoNotAllowed(String)
    case invalidHost(String)
    case invalidPort(String, port: String)
    case controlCharacters(String)
    case invalidPercentEncoding(String)

    /// The explanation, with the offending text made inert and cut to a readable length.
    public var description: String {
        TerminalSafeText.excerpt(rawDescription, limit: 400)
    }

    private var rawDescription: String {
        switch self {
        case .empty(let argument):
            return "endpoint '\(argument)' is empty: expected [label=]http://host[:port]/api/<id>"
        case .emptyLabel(let argument):
            return "endpoint '\(argument)' has an empty label before '='"
        case .missingScheme(let uri):
            return "endpoint '\(uri)' has no scheme: expected http://host[:port]/api/<id>"
        case .unsupportedScheme(let uri, let scheme):
            return "endpoint '\(uri)' uses scheme '\(scheme)': only http and https are supported"
        case .invalidCharacters(let uri):
            return "endpoint '\(uri)' contains whitespace"
        case .userInfoNotAllowed(let uri):
            return "endpoint '\(uri)' contains user information ('@'), which the agent does not accept"
        case .invalidHost(let uri):
            return "endpoint '\(uri)' has no valid host"
        case .invalidPort(let uri, let port):
            return "endpoint '\(uri)' has an invalid port '\(port)': expected 1-65535"
        case .controlCharacters(let argument):
            return "endpoint '\(argument)' contains control or bidirectional-formatting characters"
        case .invalidPercentEncoding(let uri):
            return "endpoint '\(uri)' has a '%' not followed by two hex digits"
        }
    }
}
