/// Where a theme came from, for `ecs-protect themes` and error messages.
public enum ThemeOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Compiled into the binary from the repository's `Themes/` directory.
    case bundled
    /// Read from a file (a user theme directory or a path given on the command line).
    case file(path: String)

    public var description: String {
        switch self {
        case .bundled: "bundled"
        case .file(let path): path
        }
    }
}
