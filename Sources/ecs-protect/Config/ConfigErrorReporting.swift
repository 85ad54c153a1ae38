import ArgumentParser
import Foundation

extension ConfigError {
    /// Runs `body`; a ``ConfigError`` is printed as `ecs-protect: file:line: message` and ends the
    /// command with status 78 (EX_CONFIG). Everything else passes through.
    static func reporting<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("ecs-protect: \(error)\n".utf8))
            throw ExitCode(ConfigError.exitStatus)
        }
    }
}
