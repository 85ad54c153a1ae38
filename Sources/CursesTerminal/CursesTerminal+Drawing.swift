#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalSupport
import TerminalUI

/// Drawing: a frame's changed cells as one write, full repaints after a resize, and the
/// palette turned into curses colour pairs.
extension CursesTerminal {
    func requestFullRepaint() {
        // The terminal's contents are unknown after a resize and stale after a palette change.
        needsFullRepaint = true
    }

    /// After ncurses resized its screen: let it finish its own update now (a later key read would
    /// do it over our frame), size the mirror to match, and assume nothing about the terminal.
    func adoptResize() {
        _ = wrefresh(window)
        let (width, height) = size
        _ = wresize(mirror, Int32(max(1, height)), Int32(max(1, width)))
        encoder.forgetTerminalState()
        requestFullRepaint()
    }

    /// Writes all of `bytes`, retrying after signals and partial writes; a terminal that is gone
    /// takes the rest with it (the input side reports the hang-up).
    func writeToTerminal(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(outputDescriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                return
            }
        }
    }

    /// Writes the last frame drawn into ``mirror``, cell by cell as ncurses would hold it, when it
    /// is read: only tests read it, and at every frame it cost a curses call per changed cell.
    func syncMirror() {
        guard !mirrorIsCurrent, !stopped, let frame = previousFrame else { return }
        mirrorIsCurrent = true
        werase(mirror)
        let (width, height) = size
        for y in 0..<min(height, frame.height) {
            for x in 0..<min(width, frame.width) where !frame[x, y].isContinuation {
                put(frame[x, y], x: x, y: y, screenWidth: width)
            }
        }
    }

    func put(_ cell: Cell, x: Int, y: Int, screenWidth: Int) {
        // A wide character in the last column would wrap; show a blank there instead.
        let attributes = attributesByRole[cell.role] ?? ecs_attr_normal()
        let pair = colorPlan?.pairByRole[cell.role] ?? 0
        var glyph: cchar_t
        if let byte = cell.printableASCIIByte {
            glyph = CellGlyph.make(ascii: byte, attributes: attributes, pair: pair)
        } else {
            let clipped = x + 1 >= screenWidth && DisplayWidth.of(cell.text) > 1
            glyph = CellGlyph.make(clipped ? " " : cell.text, attributes: attributes, pair: pair)
        }
        _ = mvwadd_wch(mirror, Int32(y), Int32(x), &glyph)
    }

    func applyPalette() {
        attributesByRole = [:]
        for role in StyleRole.allCases {
            let style = palette[role] ?? .plain
            var attributes = ecs_attr_normal()
            if style.attributes.contains(.bold) { attributes |= ecs_attr_bold() }
            if style.attributes.contains(.dim) { attributes |= ecs_attr_dim() }
            if style.attributes.contains(.reverse) { attributes |= ecs_attr_reverse() }
            if style.attributes.contains(.underline) { attributes |= ecs_attr_underline() }
            attributesByRole[role] = attributes
        }
        defer { encoder.setRenditions(Self.renditions(for: palette, pairs: colorPlan)) }
        guard colorCapability != .none else { return }
        let plan = ColorPlan(palette: palette, capabilities: .init(
            capability: colorCapability, pairLimit: Int(ecs_color_pairs()), defaultColors: defaultColors))
        for (index, pair) in plan.pairs.enumerated() {
            _ = init_extended_pair(Int32(index + 1), pair.foreground, pair.background)
        }
        colorPlan = plan
    }

    /// Each role's terminal sequences: its attributes, then its pair's colours.
    static func renditions(for palette: StylePalette, pairs plan: ColorPlan?) -> [StyleRole: Rendition] {
        var renditions: [StyleRole: Rendition] = [:]
        for role in StyleRole.allCases {
            let style = palette[role] ?? .plain
            var rendition = Rendition()
            if style.attributes.contains(.bold) { rendition.attributes += TerminfoControl.bytes("bold") ?? [] }
            if style.attributes.contains(.dim) { rendition.attributes += TerminfoControl.bytes("dim") ?? [] }
            if style.attributes.contains(.reverse) { rendition.attributes += TerminfoControl.bytes("rev") ?? [] }
            if style.attributes.contains(.underline) { rendition.attributes += TerminfoControl.bytes("smul") ?? [] }
            if let plan, let pairNumber = plan.pairByRole[role], pairNumber > 0 {
                let pair = plan.pairs[Int(pairNumber) - 1]
                rendition.foreground = TerminfoControl.color(pair.foreground, foreground: true)
                rendition.background = TerminfoControl.color(pair.background, foreground: false)
            }
            renditions[role] = rendition
        }
        return renditions
    }
}
