@testable import TerminalUI
import TerminalTestSupport
import Testing

/// The encoder's bytes are replayed on a small xterm-like screen: what it shows must be the frame.
@Suite(.utf8Locale) struct FrameEncoderTests {
    /// xterm's sequences for the capabilities the encoder uses.
    private static func xterm(bottomRightScrolls: Bool = false, utf8: Bool = true, relativeMoves: Bool = true) -> TerminalControl {
        @Sendable func csi(_ text: String) -> [UInt8] { Array("\u{1B}[\(text)".utf8) }
        var control = TerminalControl(
            moveTo: { x, y in csi("\(y + 1);\(x + 1)H") }, clear: csi("H") + csi("2J"), resetAttributes: csi("m"),
            defaultColors: csi("39;49m"), bottomRightScrolls: bottomRightScrolls, utf8: utf8)
        guard relativeMoves else { return control }
        control.column = { csi("\($0 + 1)G") }
        control.row = { csi("\($0 + 1)d") }
        control.right = { csi("\($0)C") }
        control.left = { csi("\($0)D") }
        control.down = { csi("\($0)B") }
        control.up = { csi("\($0)A") }
        control.leftOne = [0x08]
        return control
    }

    private static let renditions: [StyleRole: Rendition] = [
        .header: Rendition(attributes: Array("\u{1B}[1m".utf8), foreground: Array("\u{1B}[38;5;0m".utf8),
                           background: Array("\u{1B}[48;5;6m".utf8)),
        .error: Rendition(foreground: Array("\u{1B}[38;5;196m".utf8)),
        .selection: Rendition(foreground: Array("\u{1B}[38;5;114m".utf8)),
    ]

    private func encoder(_ control: TerminalControl = xterm()) -> FrameEncoder {
        var encoder = FrameEncoder(control: control)
        encoder.setRenditions(Self.renditions)
        return encoder
    }

    private func sample() -> Frame { sampleTerminalFrame(width: 30, height: 6) }

    /// Draws `frames` one after the other through one encoder and one emulated screen.
    private func replay(_ frames: [Frame], control: TerminalControl = xterm(),
                        knowingPrevious: Bool = true) -> (screen: EmulatedScreen, bytes: [[UInt8]]) {
        var encoder = encoder(control)
        var screen = EmulatedScreen(width: frames[0].width, height: frames[0].height)
        var previous: Frame?
        var written: [[UInt8]] = []
        for frame in frames {
            let changes = FrameDiff.changedCells(from: previous, to: frame)
            let bytes = encoder.encode(changes, of: frame, width: frame.width, height: frame.height, clearFirst: previous == nil,
                                       previous: knowingPrevious ? previous : nil)
            screen.apply(bytes)
            written.append(bytes)
            previous = frame
        }
        return (screen, written)
    }

    @Test func aFullRepaintShowsTheFrame() {
        let frame = sample()
        let (screen, _) = replay([frame])
        #expect(screen.lines == frame.textLines.map { $0 })
        #expect(screen.style(x: 0, y: 0) == GraphicState(Self.renditions[.header]!))
        #expect(screen.style(x: 0, y: 4) == GraphicState(Self.renditions[.error]!))
        #expect(screen.style(x: 0, y: 2) == GraphicState(.plain))
    }

    @Test func oneChangedCellCostsAShortMoveAndTheCharacter() {
        let first = sample()
        var second = first
        second.write("X", x: 20, y: 3, role: .error)
        var third = second
        third.write("Y", x: 20, y: 4, role: .error)
        let (screen, bytes) = replay([first, second, third])
        #expect(screen.lines == third.textLines)
        // The terminal is still in the rendition of the first frame's last text ("failed"): no attributes.
        #expect(String(decoding: bytes[1], as: UTF8.self) == "\u{1B}[4;21HX")
        // From just after X: to the next row, then one column back.
        #expect(String(decoding: bytes[2], as: UTF8.self) == "\u{1B}[5d\u{08}Y")
    }

    @Test func oneStepMovesAreUsedWhereTheyAreShorter() {
        var control = Self.xterm()
        control.downOne = [0x0A]
        control.upOne = Array("\u{1B}[A".utf8)
        let first = sample()
        var second = first
        second.write("X", x: 20, y: 3, role: .error)
        var third = second
        third.write("Y", x: 20, y: 4, role: .error)
        var fourth = third
        fourth.write("Z", x: 20, y: 2, role: .error)
        let (screen, bytes) = replay([first, second, third, fourth], control: control)
        #expect(screen.lines == fourth.textLines)
        // Down one row is a line feed (1 byte, not `ESC[5d`); up two rows, `ESC[3d` (4 bytes)
        // beats `ESC[A` twice (6): each move is the shortest the terminal offers.
        #expect(String(decoding: bytes[2], as: UTF8.self) == "\n\u{08}Y")
        #expect(String(decoding: bytes[3], as: UTF8.self) == "\u{1B}[3d\u{08}Z")
    }

    @Test func attributesChangeOnlyWhereTheRenditionDoes() {
        let first = sample()
        var second = first
        second.write("12", x: 20, y: 1, role: .selection)
        second.write("34", x: 20, y: 2, role: .selection)
        let (screen, bytes) = replay([first, second])
        #expect(screen.lines == second.textLines)
        let text = String(decoding: bytes[1], as: UTF8.self)
        #expect(text.components(separatedBy: "38;5;114m").count == 2)
        #expect(screen.style(x: 21, y: 2) == GraphicState(Self.renditions[.selection]!))
        // The next frame in the same colour sends no colour at all.
        var third = second
        third.write("5", x: 21, y: 2, role: .selection)
        let (_, again) = replay([first, second, third])
        #expect(String(decoding: again[2], as: UTF8.self) == "\u{08}5")
    }

    @Test func attributeChangesAreOneSequenceOfTheDifferenceOrAResetWhicheverIsShorter() {
        var encoder = FrameEncoder(control: Self.xterm())
        let countdown = Rendition(attributes: Array("\u{1B}[1m".utf8), foreground: Array("\u{1B}[32m".utf8))
        let age = Rendition(foreground: Array("\u{1B}[90m".utf8))
        encoder.setRenditions([.text: countdown, .error: age])
        let blank = Frame(width: 10, height: 1)
        var frame = blank
        frame.write("5", x: 0, y: 0, role: .text)
        frame.write("3", x: 1, y: 0, role: .error)
        frame.write("4", x: 2, y: 0, role: .text)
        let bytes = encoder.encode(FrameDiff.changedCells(from: blank, to: frame), of: frame, width: 10, height: 1, clearFirst: false)
        // Unknown state: reset and set; bold off and grey is longer than a reset; bold on and green is not.
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}[1;1H\u{1B}[0;1;32m5\u{1B}[0;90m3\u{1B}[1;32m4")
    }

    @Test func shortGapsAreRewrittenInsteadOfMovedOver() {
        var first = Frame(width: 20, height: 2)
        first.write("abcdefgh", x: 0, y: 0, role: .text)
        var second = first
        second.write("X", x: 1, y: 0, role: .text)
        second.write("Y", x: 3, y: 0, role: .text)
        let (screen, bytes) = replay([first, second])
        #expect(screen.lines == second.textLines)
        #expect(String(decoding: bytes[1], as: UTF8.self) == "\u{1B}[2GXcY")
    }

    @Test func cellsOfOneColourGoOutTogetherWhenThatIsShorter() {
        // An idle second: a countdown digit (bold green) and an age digit (grey) change on each row.
        let countdown = Rendition(attributes: Array("\u{1B}[1m".utf8), foreground: Array("\u{1B}[32m".utf8))
        let age = Rendition(foreground: Array("\u{1B}[90m".utf8))
        var first = Frame(width: 30, height: 6)
        for y in 0..<6 {
            first.write("41", x: 10, y: y, role: .text)
            first.write("0s", x: 20, y: y, role: .error)
        }
        var second = first
        for y in 0..<6 {
            second.write("0", x: 11, y: y, role: .text)
            second.write("1", x: 20, y: y, role: .error)
        }
        let changes = FrameDiff.changedCells(from: first, to: second)
        func encoded(previous: Frame?) -> (bytes: [UInt8], screen: EmulatedScreen) {
            var encoder = FrameEncoder(control: Self.xterm())
            encoder.setRenditions([.text: countdown, .error: age])
            var screen = EmulatedScreen(width: 30, height: 6)
            screen.apply(encoder.encode(FrameDiff.changedCells(from: nil, to: first), of: first, width: 30, height: 6, clearFirst: true))
            let bytes = encoder.encode(changes, of: second, width: 30, height: 6, clearFirst: false, previous: previous)
            screen.apply(bytes)
            return (bytes, screen)
        }
        let rowOrder = encoded(previous: nil)
        let grouped = encoded(previous: first)
        #expect(grouped.screen.lines == second.textLines)
        #expect(rowOrder.screen.lines == second.textLines)
        for y in 0..<6 {
            #expect(grouped.screen.style(x: 11, y: y) == GraphicState(countdown))
            #expect(grouped.screen.style(x: 20, y: y) == GraphicState(age))
        }
        // Two colour changes in all instead of one per cell, and well under the row order's bytes.
        let text = String(decoding: grouped.bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "m").count - 1 <= 2)
        #expect(grouped.bytes.count * 3 < rowOrder.bytes.count * 2, "\(grouped.bytes.count) vs \(rowOrder.bytes.count) bytes")
        #expect(Double(grouped.bytes.count) / Double(changes.count) <= 7)
    }

    @Test func rowOrderIsKeptWhereAWideCharacterComesOrGoes() {
        // A wide character at 2-3 becomes two narrow cells of different colours. Terminals differ
        // in what a write over half of a wide character does to the other half, so these cells go
        // out left to right, as FrameDiff lists them, even though grouping by colour would be shorter.
        var first = Frame(width: 10, height: 1)
        first.write("日", x: 2, y: 0, role: .selection)
        first.write("z", x: 6, y: 0, role: .error)
        var second = Frame(width: 10, height: 1)
        second.write("a", x: 2, y: 0, role: .selection)
        second.write("b", x: 3, y: 0, role: .error)
        second.write("y", x: 6, y: 0, role: .selection)
        let (screen, bytes) = replay([first, second])
        #expect(screen.lines == second.textLines)
        #expect(screen.style(x: 3, y: 0) == GraphicState(Self.renditions[.error]!))
        let text = Array(String(decoding: bytes[1], as: UTF8.self))
        let order = ["a", "b", "y"].compactMap { letter in text.firstIndex(of: Character(letter)) }
        #expect(order.count == 3 && order == order.sorted(), "\(String(text).debugDescription)")
    }

    @Test func randomChangesAlwaysEndAsTheFrame() {
        var generator = SplitMix(seed: 28)
        let roles: [StyleRole] = [.text, .header, .error, .selection]
        let texts = ["a", "b", " ", "日", "é", "\u{7}", "─"]
        for control in [Self.xterm(), Self.xterm(relativeMoves: false), Self.xterm(bottomRightScrolls: true)] {
            var frames = [Frame(width: 17, height: 5)]
            for _ in 0..<40 {
                var frame = frames.last!
                // Rows are drawn whole, as the renderer does: a frame never holds half a wide character.
                for _ in 0..<Int(generator.next() % 3) {
                    let y = Int(generator.next() % 5)
                    var previousRow = frame
                    frame.clearRow(y, role: .text)
                    var x = Int(generator.next() % 4)
                    for _ in 0..<Int(generator.next() % 8) {
                        let text = texts[Int(generator.next() % UInt64(texts.count))]
                        x += frame.write(text, x: x, y: y, role: roles[Int(generator.next() % UInt64(roles.count))]) + Int(generator.next() % 2)
                    }
                    // Some rows change in one cell only, the way a countdown does.
                    if generator.next() % 2 == 0 {
                        previousRow.write(texts[Int(generator.next() % 2)], x: 16, y: y, role: .selection)
                        if !previousRow[15, y].isContinuation, DisplayWidth.of(previousRow[15, y].text) == 1 { frame = previousRow }
                    }
                }
                frames.append(frame)
            }
            for knowingPrevious in [true, false] {
                let (screen, _) = replay(frames, control: control, knowingPrevious: knowingPrevious)
                let last = frames.last!
                for y in 0..<5 {
                    for x in 0..<17 {
                        // With scrolling margins the bottom-right cell is never written.
                        if control.bottomRightScrolls, x == 16, y == 4 { continue }
                        #expect(screen.cell(x: x, y: y) == last[x, y].text, "cell \(x),\(y)")
                        if !last[x, y].isContinuation {
                            #expect(screen.style(x: x, y: y) == GraphicState(Self.renditions[last[x, y].role] ?? .plain), "style \(x),\(y)")
                        }
                    }
                }
            }
        }
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(FrameEncoder.glyph("\u{1B}", utf8: true) == [0x20])
        #expect(FrameEncoder.glyph("a\u{85}", utf8: true) == [0x61])
        #expect(FrameEncoder.glyph("e\u{301}", utf8: true) == Array("e\u{301}".utf8))
        #expect(FrameEncoder.glyph("日", utf8: false) == [0x3F])
    }

    @Test func resetIsSentOnlyWhenAttributesAreSet() {
        var encoder = encoder()
        var frame = Frame(width: 10, height: 2)
        _ = encoder.encode(FrameDiff.changedCells(from: nil, to: frame), of: frame, width: 10, height: 2, clearFirst: true)
        #expect(encoder.resetBytes().isEmpty)
        frame.write("x", x: 0, y: 0, role: .error)
        _ = encoder.encode([FrameDiff.Position(x: 0, y: 0)], of: frame, width: 10, height: 2, clearFirst: false)
        #expect(encoder.resetBytes() == Array("\u{1B}[m".utf8))
    }
}

/// Enough of xterm to replay what the encoder sends: absolute and relative moves, backspace,
/// clear, SGR as opaque "renditions", UTF-8 text with wide characters, and the pending wrap.
private struct EmulatedScreen {
    private var cells: [[String]]
    private var styles: [[GraphicState]]
    private var x = 0, y = 0
    private var rendition = GraphicState()
    let width: Int, height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        styles = Array(repeating: Array(repeating: GraphicState(), count: width), count: height)
    }

    var lines: [String] { cells.map { $0.joined() } }
    func style(x: Int, y: Int) -> GraphicState { styles[y][x] }
    func cell(x: Int, y: Int) -> String { cells[y][x] }

    mutating func apply(_ bytes: [UInt8]) {
        var index = 0
        var text: [UInt8] = []
        func flushText() {
            guard !text.isEmpty else { return }
            for character in String(decoding: text, as: UTF8.self) { put(String(character)) }
            text.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x08 {
                flushText()
                x = max(0, min(x, width - 1) - 1)
                index += 1
            } else if byte == 0x0A {
                // A line feed as the terminal gets it with newline mapping off: straight down.
                flushText()
                y = min(height - 1, y + 1)
                index += 1
            } else if byte == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                flushText()
                var end = index + 2
                while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                let parameters = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                control(final: bytes[end], parameters: parameters)
                index = end + 1
            } else {
                text.append(byte)
                index += 1
            }
        }
        flushText()
    }

    private mutating func control(final: UInt8, parameters: String) {
        let numbers = parameters.split(separator: ";").map { Int($0) ?? 0 }
        let first = max(1, numbers.first ?? 1)
        switch Character(Unicode.Scalar(final)) {
        case "H": (y, x) = ((numbers.first ?? 1) - 1, (numbers.count > 1 ? numbers[1] : 1) - 1)
        case "G": x = first - 1
        case "d": y = first - 1
        case "C": x = min(width - 1, x + first)
        case "D": x = max(0, min(x, width - 1) - first)
        case "B": y = min(height - 1, y + first)
        case "A": y = max(0, y - first)
        case "J": for row in 0..<height { cells[row] = Array(repeating: " ", count: width); styles[row] = Array(repeating: rendition, count: width) }
        case "m": rendition.apply(parameters)
        default: Issue.record("unexpected sequence \(parameters)\(Character(Unicode.Scalar(final)))")
        }
    }

    private mutating func put(_ character: String) {
        let columns = DisplayWidth.of(character)
        if x >= width {
            // The pending wrap: the next character goes to the start of the next row.
            x = 0
            y = min(height - 1, y + 1)
        }
        // Writing over half of a wide character blanks its other half, as xterm does.
        if cells[y][x].isEmpty, x > 0 { cells[y][x - 1] = " " }
        if x + 1 < width, cells[y][x + 1].isEmpty { cells[y][x + 1] = " " }
        cells[y][x] = character
        styles[y][x] = rendition
        if columns == 2, x + 2 < width, cells[y][x + 2].isEmpty { cells[y][x + 2] = " " }
        if columns == 2, x + 1 < width {
            cells[y][x + 1] = ""
            styles[y][x + 1] = rendition
        }
        x += columns
    }
}

/// Colours and attributes as a terminal keeps them, changed by SGR parameters.
private struct GraphicState: Equatable {
    var attributes: Set<Int> = []
    var foreground: [Int]?
    var background: [Int]?

    init() {}

    /// The state a rendition's sequences leave on a reset terminal.
    init(_ rendition: Rendition) {
        for bytes in [rendition.attributes, rendition.foreground ?? [], rendition.background ?? []] {
            var rest = bytes[...]
            while let end = rest.firstIndex(of: UInt8(ascii: "m")) {
                apply(String(decoding: rest[rest.index(rest.startIndex, offsetBy: 2)..<end], as: UTF8.self))
                rest = rest[(end + 1)...]
            }
        }
    }

    mutating func apply(_ text: String) {
        var numbers = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
        if text.isEmpty { numbers = [0] }
        while let number = numbers.popFirst() {
            switch number {
            case 0: self = GraphicState()
            case 1, 2, 4, 7: attributes.insert(number)
            case 22: attributes.subtract([1, 2])
            case 24: attributes.remove(4)
            case 27: attributes.remove(7)
            case 30...37, 90...97: foreground = [number]
            case 40...47, 100...107: background = [number]
            case 39: foreground = nil
            case 49: background = nil
            case 38, 48:
                let count = numbers.first == 5 ? 2 : 4
                let color = [number] + numbers.prefix(count)
                numbers = numbers.dropFirst(count)
                if number == 38 { foreground = color } else { background = color }
            default: Issue.record("unexpected SGR parameter \(number)")
            }
        }
    }
}

/// The encoder's one-byte shortcut against `glyph(_:utf8:)`, which it skips for most cells.
@Suite("FrameEncoder ASCII cells")
struct FrameEncoderASCIICellTests {
    @Test func theShortcutTakesExactlyTheCellsGlyphWouldWriteAsOneASCIIByte() {
        let singles = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) }
        let others = ["", "ab", "é", "e\u{301}", "日", "\u{1B}", "\u{7F}", " \u{301}", "\r\n"]
        for text in singles + others {
            let byte = Cell(text: text, role: .text).printableASCIIByte
            if let byte {
                #expect(FrameEncoder.glyph(text, utf8: true) == [byte], "\(text.debugDescription)")
                #expect(FrameEncoder.glyph(text, utf8: false) == [byte], "\(text.debugDescription)")
            }
            let isPrintableASCII = text.utf8.count == 1 && (0x20..<0x7F).contains(text.utf8.first!)
            #expect((byte != nil) == isPrintableASCII, "\(text.debugDescription)")
        }
    }
}
