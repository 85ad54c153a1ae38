import ConfigFiles
import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc // the C calls below, stated so the file needs only FoundationEssentials
#endif

extension ConfigError {
    /// Runs `body`; a ``ConfigError`` is printed as `ecs-protect: file:line: message` and ends the
    /// command with status 78 (EX_CONFIG). Everything else passes through.
    static func reporting<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ConfigError {
            // write(2), not FileHandle: FileHandle alone would link all of Foundation (and ICU's data).
            let bytes = Array("ecs-protect: \(error)\n".utf8)
            _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            throw ExitCode(ConfigError.exitStatus)
        }
    }
}
