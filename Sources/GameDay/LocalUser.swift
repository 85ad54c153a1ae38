import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import SafeText

/// The local user's name, for the operator actions a timeline records.
public enum LocalUser {
    /// The login name from the password database, else `$USER` or `$LOGNAME`, else the numeric
    /// uid; safe to print and at most 64 characters.
    public static var name: String {
        if let entry = getpwuid(getuid()), let raw = entry.pointee.pw_name {
            let name = String(cString: raw)
            if !name.isEmpty { return TerminalSafeText.excerpt(name, limit: 64) }
        }
        let environment = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let value = environment[key], !value.isEmpty { return TerminalSafeText.excerpt(value, limit: 64) }
        }
        return "uid \(getuid())"
    }
}
