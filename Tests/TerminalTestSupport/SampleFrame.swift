import TerminalUI

/// A small frame with a header row, wide characters and an error line: what drawing tests draw.
public func sampleTerminalFrame(width: Int = 40, height: Int = 8) -> Frame {
    var frame = Frame(width: width, height: height)
    frame.clearRow(0, role: .header)
    frame.write("ecs-protect", x: 0, y: 0, role: .header)
    frame.write("task 日本語 ok", x: 2, y: 2, role: .text)
    frame.write("failed", x: 0, y: 4, role: .error)
    return frame
}
