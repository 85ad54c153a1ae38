import Glibc
import Testing

/// Display widths come from `wcwidth`, which answers -1 for all non-ASCII text in the C locale
/// that a process starts in. The executable selects a UTF-8 `LC_CTYPE` at start-up; a suite that
/// measures or draws text selects one with this trait before its first test runs.
public struct UTF8LocaleTrait: SuiteTrait, TestTrait, TestScoping {
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        _ = Self.selected
        try await function()
    }

    /// `C.UTF-8`, the same for every machine, selected once for the whole test process.
    private static let selected: Void = { _ = setlocale(LC_CTYPE, "C.UTF-8") }()
}

extension Trait where Self == UTF8LocaleTrait {
    /// Runs the suite with a UTF-8 `LC_CTYPE`, so display widths are those a terminal shows.
    public static var utf8Locale: Self { Self() }
}
