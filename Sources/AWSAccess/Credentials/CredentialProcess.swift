import AWSSigning
import Foundation

/// Runs a profile's `credential_process` (split into words as the CLI splits it, no shell) and
/// reads its JSON document from standard output. Standard error is passed through to the user,
/// as the CLI does; output is capped and the run is bounded in time.
enum CredentialProcess {
    static let maximumOutputBytes = 64 << 10
    static let timeoutSeconds: Double = 60

    static func run(_ commandLine: String, profile: String) async throws(AWSConfigurationError) -> AWSCredentials {
        let source = "credential_process of profile \(profile)"
        guard let words = split(commandLine), let program = words.first else {
            throw AWSConfigurationError("\(source) is not a valid command line (unbalanced quotes or empty)")
        }
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(words.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = words
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSConfigurationError("\(source): \(program) could not be started")
        }
        let handle = output.fileHandleForReading
        let reader = Task.detached { () -> Data in
            var collected = Data()
            while collected.count <= maximumOutputBytes, let chunk = try? handle.read(upToCount: 16 << 10), !chunk.isEmpty {
                collected.append(chunk)
            }
            return collected
        }
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            process.terminate()
            throw AWSConfigurationError("\(source): \(program) did not finish within \(Int(timeoutSeconds)) s")
        }
        let data = await reader.value
        guard process.terminationStatus == 0 else {
            throw AWSConfigurationError("\(source): \(program) exited with status \(process.terminationStatus)")
        }
        guard data.count <= maximumOutputBytes else {
            throw AWSConfigurationError("\(source): \(program) printed more than \(maximumOutputBytes) bytes")
        }
        return try CredentialsJSON.decode(Array(data), source: source, requireVersion: true)
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
