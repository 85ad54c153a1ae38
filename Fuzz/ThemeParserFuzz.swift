// libFuzzer target: theme files. Built by scripts/fuzz against the theme sources.
@_cdecl("LLVMFuzzerTestOneInput")
public func themeParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let theme = try ThemeParser.parse(text: text, fileName: "fuzz.theme")
        _ = theme.name
    } catch {
        // An error is one inert line of bounded length, whatever the file holds.
        let message = error.description
        guard !TerminalSafeText.containsUnsafe(message), message.count < 1000 else {
            fatalError("unsafe or long theme error: \(message.prefix(200).debugDescription)")
        }
    }
    return 0
}
