// libFuzzer target: the dashboard's filter expressions, typed by the operator. The first line is
// the pattern, the rest the text: any pattern either compiles or is refused with a message, and
// matching takes time linear in the text (libFuzzer's -timeout catches a stall). Built by
// scripts/fuzz against the Filter files alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func filterPatternFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let pattern = String(parts.first ?? "")
    let text = parts.count > 1 ? String(parts[1]) : ""
    do {
        let compiled = try FilterPattern(pattern)
        guard compiled.program.count <= FilterPattern.maximumProgramSize + 1 else {
            fatalError("a program of \(compiled.program.count) instructions")
        }
        let matcher = FilterPatternMatcher(compiled)
        // A match at the start is a match somewhere.
        if matcher.matchesAtStart(text), !matcher.matches(text) { fatalError("a start match that is no match") }
    } catch {
        guard !error.message.isEmpty else { fatalError("a refusal without a message") }
    }
    return 0
}
