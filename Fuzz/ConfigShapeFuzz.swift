// libFuzzer target: the config file's shape check (dotted parts, keys, nesting), which runs on
// any text before TOMLKit parses it. Built by scripts/fuzz against TOMLShape.swift alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func configShapeFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let problem = TOMLShape.problem(in: text) {
        // The line named is one of the text's lines.
        let lines = text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        guard problem.line >= 1, problem.line <= lines else {
            fatalError("line \(problem.line) of a text of \(lines) lines")
        }
    }
    return 0
}
