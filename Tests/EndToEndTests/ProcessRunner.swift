import Foundation

/// Runs a command to completion with a time limit and returns its status and output.
struct ProcessResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

enum ProcessRunner {
    /// Runs `executable` with `arguments`; the process is killed if it outlives `timeout`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    timeout: TimeInterval = 30) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        let outputData = ThreadedReader(output.fileHandleForReading)
        let errorData = ThreadedReader(error.fileHandleForReading)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate(); usleep(200_000); if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, standardOutput: outputData.text(), standardError: errorData.text())
    }
}

/// Drains a pipe on its own thread so a chatty child never blocks on a full pipe.
final class ThreadedReader: @unchecked Sendable {
    // Guarded by `done`: written once by the reader thread before it signals.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
