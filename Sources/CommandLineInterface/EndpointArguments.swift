import Synchronization

/// Takes the repeatable list options (`--endpoint`, `--service`, `--task`) out of the command line
/// before ArgumentParser sees it.
///
/// ArgumentParser's time grows with the square of the number of times an option repeats: 10,000
/// `--endpoint` options took minutes, 10,000 `--task` or `--service` options 9.7 s, `config` with
/// 10,000 `--endpoint` 15 s. They are collected here in one pass, in order, and read back from
/// ``collected`` (``EndpointOptions``) and ``values(of:)`` (``ECSSelectionOptions``); everything
/// else is parsed as usual.
enum EndpointArguments {
    /// The options collected, each with the subcommands that take it (`watch` is also the
    /// default when none is named).
    private static let options: [String: Set<String>] = [
        "--endpoint": ["watch", "get", "protect", "unprotect", "config"],
        "--service": ["watch", "get", "protect", "unprotect"],
        "--task": ["watch", "get", "protect", "unprotect"],
    ]

    private static let store = Mutex<[String: [String]]>([:])

    /// The `--endpoint` values taken out of the command line, in the order given.
    static var collected: [String] { values(of: "--endpoint") }

    /// The values of `option` (`--service`, `--task`, `--endpoint`) taken out, in the order given.
    static func values(of option: String) -> [String] { store.withLock { $0[option] ?? [] } }

    /// `arguments` (without the program name) minus every `--OPTION VALUE` and `--OPTION=VALUE`
    /// of a collected option the subcommand takes, before a `--`; the values are kept for
    /// ``values(of:)``. An option whose value is missing is left for ArgumentParser to report.
    static func extract(from arguments: [String]) -> [String] {
        let subcommand = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "watch"
        let taken = options.filter { $0.value.contains(subcommand) }.map(\.key)
        guard !taken.isEmpty else { return arguments }
        let prefixes = taken.map { ($0, $0 + "=") }
        var remaining: [String] = []
        remaining.reserveCapacity(arguments.count)
        var values: [String: [String]] = [:]
        var index = 0
        scan: while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                remaining += arguments[index...]
                break
            }
            if argument.hasPrefix("--") {
                for (option, withValue) in prefixes {
                    if argument == option, index + 1 < arguments.count {
                        values[option, default: []].append(arguments[index + 1])
                        index += 2
                        continue scan
                    }
                    if argument.hasPrefix(withValue) {
                        values[option, default: []].append(String(argument.dropFirst(withValue.count)))
                        index += 1
                        continue scan
                    }
                }
            }
            remaining.append(argument)
            index += 1
        }
        store.withLock { $0 = values }
        return remaining
    }
}
