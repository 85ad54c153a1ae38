import Synchronization

/// Takes the `--endpoint` options out of the command line before ArgumentParser sees it.
///
/// ArgumentParser's time grows with the square of the number of times an option repeats: 10,000
/// `--endpoint` options took minutes. They are collected here in one pass, in order, and
/// ``EndpointOptions`` reads them from ``collected``; everything else is parsed as usual.
enum EndpointArguments {
    /// Subcommands that take `--endpoint`; `watch` is also the default when none is named.
    private static let subcommands: Set<String> = ["watch", "get", "protect", "unprotect"]

    private static let store = Mutex<[String]>([])

    /// The `--endpoint` values taken out of the command line, in the order given.
    static var collected: [String] { store.withLock { $0 } }

    /// `arguments` (without the program name) minus every `--endpoint VALUE` and
    /// `--endpoint=VALUE` before a `--`; the values are kept for ``collected``. Left alone when the
    /// subcommand does not take `--endpoint`, or when a value is missing (ArgumentParser then
    /// reports it).
    static func extract(from arguments: [String]) -> [String] {
        let subcommand = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 }
        if let subcommand, !subcommands.contains(subcommand) { return arguments }
        var remaining: [String] = []
        remaining.reserveCapacity(arguments.count)
        var values: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                remaining += arguments[index...]
                break
            }
            if argument == "--endpoint", index + 1 < arguments.count {
                values.append(arguments[index + 1])
                index += 2
                continue
            }
            if argument.hasPrefix("--endpoint=") {
                values.append(String(argument.dropFirst("--endpoint=".count)))
                index += 1
                continue
            }
            remaining.append(argument)
            index += 1
        }
        store.withLock { $0 = values }
        return remaining
    }
}
