import Foundation

/// Finds the `ecs-protect` executable that `swift test` built next to the test bundle.
enum ProductBinary {
    static var path: String {
        get throws {
            var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("ecs-protect").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../.build/debug/ecs-protect").standardized.path
            if FileManager.default.isExecutableFile(atPath: fallback) { return fallback }
            throw ProductBinaryError.notBuilt
        }
    }
}

enum ProductBinaryError: Error, CustomStringConvertible {
    case notBuilt
    var description: String { "the ecs-protect executable was not found next to the test bundle; run `swift build` first" }
}
