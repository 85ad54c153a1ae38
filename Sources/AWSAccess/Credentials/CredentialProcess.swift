import AWSSigning
import FoundationEssentials

/// Runs a profile's `credential_process` (split into words as the CLI splits it, no shell) and
/// reads its JSON document from standard output. Standard error is passed on to the user a line
/// at a time, made inert; the helper runs with a clean signal mask and default dispositions in a
/// process group of its own, which is killed whole on timeout (see ``HelperProcess``).
enum CredentialProcess {
    static let maximumOutputBytes = 64 << 10
    static let timeoutSeconds: Double = 60

    static func run(_ commandLine: String, profile: String, timeout: Double = timeoutSeconds,
                    forwardError: @escaping @Sendable (String) -> Void = { StandardErrorLines.write($0) })
        async throws(AWSConfigurationError) -> AWSCredentials {
        let source = "credential_process of profile \(profile)"
        guard let words = split(commandLine), let program = words.first else {
            throw AWSConfigurationError("\(source) is not a valid command line (unbalanced quotes or empty)")
        }
        switch await HelperProcess.run(words, timeout: timeout, maximumOutputBytes: maximumOutputBytes, forwardError: forwardError) {
        case .notStarted(let reason):
            throw AWSConfigurationError("\(source): \(program) could not be started (\(reason))")
        case .timedOut:
            throw AWSConfigurationError("\(source): \(program) did not finish within \(Int(timeout)) s; it was stopped")
        case .outputTooLarge:
            throw AWSConfigurationError(
                "\(source): \(program) printed more than \(maximumOutputBytes) bytes on standard output; a credentials document is a few hundred")
        case .signaled(let signal):
            throw AWSConfigurationError("\(source): \(program) was killed by signal \(signal)")
        case .exited(let status, let output):
            guard status == 0 else {
                throw AWSConfigurationError("\(source): \(program) exited with status \(status)")
            }
            return try CredentialsJSON.decode(output, source: source, requireVersion: true)
        }
    }

    /// POSIX-shell-like word splitting: white space separates, single quotes keep everything,
    /// double quotes keep all but `\"` and `\\`, a backslash outside quotes escapes one character.
    static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if let open = quote {
                if character == open {
                    quote = nil
                } else if open == "\"", character == "\\" {
                    guard let next = iterator.next() else { return nil }
                    if next != "\"" && next != "\\" { current.append("\\") }
                    current.append(next)
                } else {
                    current.append(character)
                }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == "\\" {
                guard let next = iterator.next() else { return nil }
                current.append(next)
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { return nil }
        if inWord { words.append(current) }
        return words
    }
}
